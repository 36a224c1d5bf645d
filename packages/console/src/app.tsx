// The console's frame: who is signed in (viewer), the sign-in page otherwise, the navigation
// and the pages. Routes live under /console (wouter's base).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { request, whenSignedOut } from './api/client';
import { graphql } from './gql';
import { SignInPage } from './sign-in';
import { Loading } from './ui/ui';
import { SegmentsPage } from './segments/list';

// Every page but the first one a user lands on is loaded when opened.
const SegmentEditorPage = lazy(() => import('./segments/editor').then((module) => ({ default: module.SegmentEditorPage })));
const TemplatesPage = lazy(() => import('./segments/templates').then((module) => ({ default: module.TemplatesPage })));
const PromotionsPage = lazy(() => import('./promotions/list').then((module) => ({ default: module.PromotionsPage })));
const PromotionEditorPage = lazy(() => import('./promotions/editor').then((module) => ({ default: module.PromotionEditorPage })));
const SimulatorPage = lazy(() => import('./simulator/simulator').then((module) => ({ default: module.SimulatorPage })));
const CustomersPage = lazy(() => import('./customers/list').then((module) => ({ default: module.CustomersPage })));
const CustomerPage = lazy(() => import('./customers/customer').then((module) => ({ default: module.CustomerPage })));
const AnalyticsPage = lazy(() => import('./analytics/analytics').then((module) => ({ default: module.AnalyticsPage })));
const OperationsPage = lazy(() => import('./operations/operations').then((module) => ({ default: module.OperationsPage })));

const ViewerDocument = graphql(`
  query Viewer { viewer { name scopes sessionExpiresAt } }
`);

const SignOutDocument = graphql(`
  mutation SignOut { signOut { __typename ... on MutationSignOutSuccess { data { signedOut } } ... on Error { code message } } }
`);

const NAVIGATION = [
  { href: '/segments', title: 'Segments' },
  { href: '/promotions', title: 'Promotions' },
  { href: '/simulator', title: 'Simulator' },
  { href: '/customers', title: 'Customers' },
  { href: '/analytics', title: 'Analytics' },
  { href: '/operations', title: 'Operations' },
];

export function App() {
  const queries = useQueryClient();
  const viewer = useQuery({ queryKey: ['viewer'], queryFn: () => request(ViewerDocument), staleTime: 60_000 });
  const [location] = useLocation();
  useEffect(() => whenSignedOut(() => void queries.resetQueries({ queryKey: ['viewer'] })), [queries]);
  const signOut = useMutation({
    mutationFn: () => request(SignOutDocument),
    onSuccess: () => queries.clear(),
  });
  if (viewer.isPending) return <Loading what="Opening the console" />;
  const who = viewer.data?.viewer;
  if (!who) return <SignInPage />;
  const readOnly = !who.scopes.includes('ADMIN');
  return (
    <div className={`shell${readOnly ? ' read-only' : ''}`}>
      <a href="#main" className="skip-link">
        Skip to the content
      </a>
      <header className="top">
        <span className="brand">Cohort</span>
        <nav aria-label="Console">
          <ul>
            {NAVIGATION.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={location.startsWith(item.href) ? 'page' : undefined}>
                  {item.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            {who.name}
            {readOnly ? ' (read-only)' : ''}
          </span>
          <a href="/graphql" target="_blank" rel="noreferrer">
            GraphiQL
          </a>
          <button type="button" onClick={() => signOut.mutate()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main">
        {readOnly ? (
          <p className="notice" role="note">
            This key is read-only (analyst): you see everything, and changes are refused.
          </p>
        ) : null}
        <Suspense fallback={<Loading />}>
          <Switch>
            <Route path="/">
              <Redirect to="/segments" />
            </Route>
            <Route path="/segments" component={SegmentsPage} />
            <Route path="/segments/templates" component={TemplatesPage} />
            <Route path="/segments/new">{() => <SegmentEditorPage />}</Route>
            <Route path="/segments/:id">{(params) => <SegmentEditorPage id={decodeURIComponent(params.id)} />}</Route>
            <Route path="/promotions" component={PromotionsPage} />
            <Route path="/promotions/new">{() => <PromotionEditorPage />}</Route>
            <Route path="/promotions/:id">{(params) => <PromotionEditorPage id={decodeURIComponent(params.id)} />}</Route>
            <Route path="/simulator" component={SimulatorPage} />
            <Route path="/customers" component={CustomersPage} />
            <Route path="/customers/:id">{(params) => <CustomerPage id={decodeURIComponent(params.id)} />}</Route>
            <Route path="/analytics" component={AnalyticsPage} />
            <Route path="/operations" component={OperationsPage} />
            <Route>
              <p>
                No such page. <Link href="/segments">Go to the segments</Link>.
              </p>
            </Route>
          </Switch>
        </Suspense>
      </main>
    </div>
  );
}
