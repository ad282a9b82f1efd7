import { Layout, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { DraftScreen } from './screens/DraftScreen';
import { HomeScreen } from './screens/HomeScreen';

/** The open draft lives in the URL hash, so a reload returns the user to where they were. */
function useHashRoute(): [string | null, (draftId: string | null) => void] {
  const read = () => (window.location.hash.startsWith('#/draft/') ? window.location.hash.slice('#/draft/'.length) : null);
  const [draftId, setDraftId] = useState<string | null>(read);
  useEffect(() => {
    const onHash = () => setDraftId(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const navigate = (next: string | null) => {
    window.location.hash = next ? `#/draft/${next}` : '#/';
  };
  return [draftId, navigate];
}

export function App() {
  const [draftId, navigate] = useHashRoute();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center' }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>联合体申报助手</Typography.Title>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        {draftId ? (
          <DraftScreen key={draftId} draftId={draftId} onBack={() => navigate(null)} />
        ) : (
          <HomeScreen onOpen={(id) => navigate(id)} />
        )}
      </Layout.Content>
    </Layout>
  );
}
