// The simulator ("why not?"): a customer (or an anonymous shopper), a cart built from the
// catalogue, optionally codes; then the cart page's answer (eligiblePromotions) and, for each
// promotion that did not apply, why, down to the failing condition (explainEligibility), and
// what is within reach. A dry run: nothing is recorded.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { request } from '../api/client';
import { graphql } from '../gql';
import { customerName, formatMoney, humanize, minorPerMajor } from '../ui/format';
import { Badge, ErrorNotice, Page, Section, useDebounced } from '../ui/ui';

const CustomerSearchDocument = graphql(`
  query SimulatorCustomers($search: String!) { customers(first: 8, filter: { search: $search }) { edges { node { id externalId firstName lastName email } } } }
`);

const ProductSearchDocument = graphql(`
  query SimulatorProducts($search: String) { products(first: 8, filter: { search: $search }) { edges { node { sku name price { amount currency formatted } } } } shopSettings { defaultCurrency } }
`);

graphql(`
  fragment RuleNodeFields on RuleExplanation { description kind met }
`);

const SimulateDocument = graphql(`
  query Simulate($input: EligibilityInput!) {
    eligiblePromotions(input: $input) {
      __typename
      ... on QueryEligiblePromotionsSuccess {
        data {
          subtotal { formatted } discountTotal { formatted } shipping { formatted } shippingDiscount { formatted } total { formatted } totalDiscount { formatted }
          promotions { promotion { id name } discount { formatted } }
          notApplied { promotion { id name } reason }
          nearlyEligible { promotion { id name } missing { formatted } }
          messages { text promotion { name } }
          vouchers { code applied reason }
          freeItems { sku quantity promotion { name } }
          suggestions { skus text promotion { name } }
          loyaltyPoints { earns multiplier }
        }
      }
      ... on Error { message }
    }
    explainEligibility(input: $input) {
      __typename
      ... on QueryExplainEligibilitySuccess {
        data {
          applied reason promotion { id name }
          cartRule { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields } } } } }
          segments { member targeting segment { id name } rule { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields } } } } } }
        }
      }
      ... on Error { message }
    }
  }
`);

const REASONS: Record<string, string> = {
  SCHEDULE: 'Outside its days or hours',
  CURRENCY_MISMATCH: 'The cart is in another currency',
  EXCLUDED_SEGMENT: 'The shopper is in an excluded segment',
  NOT_IN_SEGMENT: 'The shopper is in none of its segments',
  CART_CONDITION: 'The cart does not meet its cart rule (or first tier) yet',
  LIMIT_REACHED: 'Its usage limit is reached',
  BUDGET_SPENT: 'Its budget is spent',
  NOT_COMBINABLE: 'It does not combine with what applied',
  NOTHING_TO_DISCOUNT: 'Nothing left to discount',
  CUSTOMER_REQUIRED: 'It needs a known customer',
};

interface Line {
  sku: string;
  name: string;
  quantity: number;
  price: string;
}

interface RuleNode {
  description: string;
  kind: string;
  met: boolean;
  children?: RuleNode[];
}

function Explanation({ node }: { node: RuleNode }) {
  return (
    <li>
      <span className={node.met ? 'met' : 'unmet'}>
        {node.met ? '✓' : '✗'} {node.kind === 'CONDITION' ? node.description : node.kind === 'NOT' ? 'NOT' : node.kind === 'AND' ? 'All of' : 'Any of'}
      </span>
      {node.children && node.children.length > 0 ? (
        <ul>
          {node.children.map((child, index) => (
            <Explanation key={index} node={child} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function SimulatorPage() {
  const params = new URLSearchParams(useSearch());
  const [customer, setCustomer] = useState<{ externalId: string; label: string } | null>(
    params.get('customer') ? { externalId: params.get('customer') as string, label: params.get('customer') as string } : null,
  );
  const [customerSearch, setCustomerSearch] = useState('');
  const [productSearch, setProductSearch] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const [shipping, setShipping] = useState('');
  const [code, setCode] = useState('');
  const ids = { customer: useId(), product: useId() };
  const foundCustomers = useQuery({
    queryKey: ['simulator-customers', useDebounced(customerSearch, 250)],
    queryFn: () => request(CustomerSearchDocument, { search: customerSearch }),
    enabled: customerSearch.trim().length > 0,
    placeholderData: keepPreviousData,
  });
  const settledProductSearch = useDebounced(productSearch, 250);
  const products = useQuery({
    queryKey: ['simulator-products', settledProductSearch],
    queryFn: () => request(ProductSearchDocument, { search: settledProductSearch || null }),
    placeholderData: keepPreviousData,
  });
  const currency = products.data?.shopSettings.defaultCurrency ?? 'USD';
  const simulate = useMutation({
    mutationFn: () =>
      request(SimulateDocument, {
        input: {
          ...(customer ? { customer: { externalId: customer.externalId } } : {}),
          cart: {
            currency,
            lines: lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
            shipping: Math.round(Number(shipping || 0) * minorPerMajor(currency)),
          },
          ...(code.trim() ? { voucherCodes: [code.trim()] } : {}),
        },
      }),
  });
  const addProduct = (product: { sku: string; name: string; price: { formatted: string } }) =>
    setLines((current) =>
      current.some((line) => line.sku === product.sku)
        ? current.map((line) => (line.sku === product.sku ? { ...line, quantity: line.quantity + 1 } : line))
        : [...current, { sku: product.sku, name: product.name, quantity: 1, price: product.price.formatted }],
    );

  const answer = simulate.data?.eligiblePromotions;
  const eligibility = answer && 'data' in answer ? answer.data : null;
  const explanation = simulate.data?.explainEligibility;
  const explained = explanation && 'data' in explanation ? explanation.data : [];
  const failure = (answer && 'message' in answer ? answer.message : null) ?? (explanation && 'message' in explanation ? explanation.message : null);

  return (
    <Page title="Simulator: why (not)?">
      <div className="grid-2">
        <Section title="Shopper">
          {customer ? (
            <p>
              <strong data-testid="simulated-customer">{customer.label}</strong>{' '}
              <button type="button" className="link" onClick={() => setCustomer(null)}>
                Change
              </button>
            </p>
          ) : (
            <>
              <p className="muted">An anonymous shopper, unless you pick a customer.</p>
              <div className="field">
                <label htmlFor={ids.customer}>Find a customer</label>
                <input
                  id={ids.customer}
                  type="search"
                  value={customerSearch}
                  onChange={(event) => setCustomerSearch(event.target.value)}
                  placeholder="Name, email or external ID"
                />
              </div>
              <ul className="picks" aria-label="Customers found">
                {(customerSearch.trim() ? (foundCustomers.data?.customers.edges ?? []) : []).map(({ node }) => (
                  <li key={node.id}>
                    <button
                      type="button"
                      onClick={() => {
                        setCustomer({ externalId: node.externalId, label: `${customerName(node)} (${node.externalId})` });
                        setCustomerSearch('');
                      }}
                    >
                      {customerName(node)} <span className="muted">{node.externalId}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="row">
            <div className="field">
              <label htmlFor="sim-shipping">Shipping ({currency})</label>
              <input id="sim-shipping" type="number" min={0} step="0.01" value={shipping} onChange={(event) => setShipping(event.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="sim-code">Voucher code</label>
              <input id="sim-code" value={code} onChange={(event) => setCode(event.target.value)} />
            </div>
          </div>
        </Section>
        <Section title="Cart">
          <div className="field">
            <label htmlFor={ids.product}>Add a product</label>
            <input
              id={ids.product}
              type="search"
              value={productSearch}
              onChange={(event) => setProductSearch(event.target.value)}
              placeholder="SKU or a word of the name"
            />
          </div>
          <ul className="picks" aria-label="Products found">
            {(products.data?.products.edges ?? []).map(({ node }) => (
              <li key={node.sku}>
                <button type="button" onClick={() => addProduct(node)}>
                  Add {node.name}{' '}
                  <span className="muted">
                    {node.sku} · {node.price.formatted}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {lines.length === 0 ? (
            <p className="muted">The cart is empty.</p>
          ) : (
            <table className="data">
              <caption>Lines of the cart</caption>
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col" className="number">
                    Unit price
                  </th>
                  <th scope="col" className="number">
                    Quantity
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => (
                  <tr key={line.sku}>
                    <th scope="row">
                      {line.name} <span className="muted">{line.sku}</span>
                    </th>
                    <td className="number">{line.price}</td>
                    <td className="number">
                      <input
                        type="number"
                        min={1}
                        aria-label={`Quantity of ${line.sku}`}
                        value={line.quantity}
                        onChange={(event) =>
                          setLines((current) =>
                            current.map((entry) => (entry.sku === line.sku ? { ...entry, quantity: Math.max(1, Number(event.target.value)) } : entry)),
                          )
                        }
                        className="quantity"
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="link danger"
                        onClick={() => setLines((current) => current.filter((entry) => entry.sku !== line.sku))}
                        aria-label={`Remove ${line.sku}`}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
      </div>
      <p>
        <button type="button" className="primary" onClick={() => simulate.mutate()} disabled={simulate.isPending || lines.length === 0}>
          {simulate.isPending ? 'Checking…' : 'Check this cart'}
        </button>
      </p>
      <ErrorNotice error={simulate.error ?? (failure ? new Error(failure) : null)} />
      {eligibility ? (
        <div aria-live="polite">
          <div className="grid-2">
            <Section title="What the cart page shows">
              <dl className="facts">
                <dt>Subtotal</dt>
                <dd>{eligibility.subtotal.formatted}</dd>
                <dt>Discount</dt>
                <dd>−{eligibility.discountTotal.formatted}</dd>
                <dt>Shipping</dt>
                <dd>
                  {eligibility.shipping.formatted}
                  {eligibility.shippingDiscount.formatted !== formatMoney(0, currency) ? ` (−${eligibility.shippingDiscount.formatted})` : ''}
                </dd>
                <dt>Total</dt>
                <dd data-testid="simulated-total">
                  <strong>{eligibility.total.formatted}</strong>
                </dd>
              </dl>
              <h3>Applied</h3>
              {eligibility.promotions.length === 0 ? (
                <p className="muted">No promotion applies.</p>
              ) : (
                <ul data-testid="applied">
                  {eligibility.promotions.map((applied) => (
                    <li key={applied.promotion.id}>
                      <strong>{applied.promotion.name}</strong>: −{applied.discount.formatted}
                    </li>
                  ))}
                </ul>
              )}
              {eligibility.nearlyEligible.length > 0 ? (
                <>
                  <h3>Within reach</h3>
                  <ul data-testid="within-reach">
                    {eligibility.nearlyEligible.map((near) => (
                      <li key={near.promotion.id}>
                        Add <strong>{near.missing.formatted}</strong> more for {near.promotion.name}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {eligibility.messages.length > 0 ? (
                <>
                  <h3>Messages</h3>
                  <ul>
                    {eligibility.messages.map((message, index) => (
                      <li key={index}>
                        “{message.text}” <span className="muted">({message.promotion.name})</span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {eligibility.vouchers.map((voucher) => (
                <p key={voucher.code}>
                  Code <code>{voucher.code}</code>:{' '}
                  {voucher.applied ? <Badge tone="good">applied</Badge> : <Badge tone="bad">{humanize(voucher.reason ?? 'not applied')}</Badge>}
                </p>
              ))}
              {eligibility.freeItems.length > 0 ? <p>Free items: {eligibility.freeItems.map((item) => `${item.quantity} × ${item.sku}`).join(', ')}</p> : null}
              <p className="small muted">
                Loyalty points: {eligibility.loyaltyPoints.earns ? `earned at ×${eligibility.loyaltyPoints.multiplier}` : 'not earned'}
              </p>
            </Section>
            <Section title="Why the others did not apply">
              {explained.filter((entry) => !entry.applied).length === 0 ? (
                <p className="muted">Every live promotion applied.</p>
              ) : (
                <ul className="why-not" data-testid="why-not">
                  {explained
                    .filter((entry) => !entry.applied)
                    .map((entry) => (
                      <li key={entry.promotion.id} className="explain">
                        <p>
                          <Link href={`/promotions/${encodeURIComponent(entry.promotion.id)}`}>{entry.promotion.name}</Link>:{' '}
                          <strong>{REASONS[entry.reason ?? ''] ?? humanize(entry.reason ?? 'not applied')}</strong>
                        </p>
                        {entry.segments.map((segment) => (
                          <div key={segment.segment.id}>
                            <span className={segment.member === (segment.targeting === 'INCLUDE') ? 'met' : 'unmet'}>
                              {segment.targeting === 'INCLUDE' ? 'Targets' : 'Excludes'} {segment.segment.name}: {segment.member ? 'member' : 'not a member'}
                            </span>
                            {segment.rule ? (
                              <ul>
                                <Explanation node={segment.rule as RuleNode} />
                              </ul>
                            ) : null}
                          </div>
                        ))}
                        {entry.cartRule ? (
                          <div>
                            Cart rule:
                            <ul>
                              <Explanation node={entry.cartRule as RuleNode} />
                            </ul>
                          </div>
                        ) : null}
                      </li>
                    ))}
                </ul>
              )}
            </Section>
          </div>
        </div>
      ) : null}
    </Page>
  );
}
