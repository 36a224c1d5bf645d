// Operations: webhook endpoints and their delivery log, API keys, the shop's settings (shop,
// RFM, retention), and GraphiQL for everything else.
import { useState } from 'react';
import { Page, Tabs, TabPanel } from '../ui/ui';
import { ApiKeys } from './api-keys';
import { Settings } from './settings';
import { Webhooks } from './webhooks';

const TABS = [
  { key: 'webhooks', title: 'Webhooks' },
  { key: 'keys', title: 'API keys' },
  { key: 'settings', title: 'Settings' },
] as const;

export function OperationsPage() {
  const [tab, setTab] = useState<(typeof TABS)[number]['key']>('webhooks');
  return (
    <Page
      title="Operations"
      actions={
        <a href="/graphql" className="button" target="_blank" rel="noreferrer">
          Open GraphiQL
        </a>
      }
    >
      <Tabs label="Operations" tabs={[...TABS]} selected={tab} onSelect={setTab} />
      <TabPanel tab={tab}>{tab === 'webhooks' ? <Webhooks /> : tab === 'keys' ? <ApiKeys /> : <Settings />}</TabPanel>
    </Page>
  );
}
