import { InfoCircleOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Descriptions, List, Modal, Popconfirm, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { BackupSummary } from '../../electron/shared/contract/safety';
import type { StepId } from '../../electron/shared/region-template';
import { api } from './api/client';
import { SaveIndicator } from './components/SaveIndicator';
import { HomeScreen } from './screens/HomeScreen';
import { saveQueue } from './state/save-queue';
import { isStepId } from './steps/steps';

// The draft screen (every step, the grids, the print view) is most of the bundle and the home screen needs
// none of it: it loads in its own chunk when a draft is opened, or right after the home screen is shown.
const loadDraftScreen = () => import('./screens/DraftScreen');
const DraftScreen = lazy(() => loadDraftScreen().then((module) => ({ default: module.DraftScreen })));
// The guide carries its screenshots: it loads when asked for, not with the first screen.
const HelpDialog = lazy(() => import('./components/HelpDialog').then((module) => ({ default: module.HelpDialog })));

interface Route {
  draftId: string | null;
  step: StepId;
}

/** The open draft and step live in the URL hash (#/draft/<id>/<step>), so a reload returns the user there. */
function readRoute(): Route {
  const match = /^#\/draft\/([^/]+)(?:\/([a-z]+))?/.exec(window.location.hash);
  if (!match) return { draftId: null, step: 'basic' };
  return { draftId: decodeURIComponent(match[1]), step: match[2] && isStepId(match[2]) ? match[2] : 'basic' };
}

function useHashRoute(): [Route, (draftId: string | null, step?: StepId) => void] {
  const [route, setRoute] = useState<Route>(readRoute);
  useEffect(() => {
    const onHash = () => setRoute(readRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const navigate = (draftId: string | null, step: StepId = 'basic') => {
    window.location.hash = draftId ? `#/draft/${encodeURIComponent(draftId)}/${step}` : '#/';
  };
  return [route, navigate];
}

export function App() {
  const [route, navigate] = useHashRoute();
  const [about, setAbout] = useState(false);
  const [help, setHelp] = useState(false);
  const { modal } = AntApp.useApp();

  // What start-up had to do (a damaged data file moved aside, a backup restored) is said once, plainly.
  useEffect(() => {
    let live = true;
    api['app.startupNotice']({})
      .then(({ message }) => {
        if (live && message) modal.warning({ title: '启动提示', content: message, okText: '知道了' });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [modal]);

  // Fetched once the home screen is up, so that opening a draft does not wait for the download.
  useEffect(() => {
    const timer = window.setTimeout(() => void loadDraftScreen().catch(() => undefined), 1500);
    return () => window.clearTimeout(timer);
  }, []);

  return (
    <div className="app">
      <header className="app-header">
        <a className="app-header-title" href="#/" onClick={() => navigate(null)}>
          联合体申报助手
        </a>
        <span className="draft-bar-spacer" />
        <SaveIndicator />
        <Button type="text" size="small" icon={<QuestionCircleOutlined aria-hidden />} style={{ color: 'rgba(255,255,255,0.85)' }}
          onClick={() => setHelp(true)}>
          帮助
        </Button>
        <Button type="text" size="small" icon={<InfoCircleOutlined aria-hidden />} style={{ color: 'rgba(255,255,255,0.85)' }}
          onClick={() => setAbout(true)}>
          关于与数据位置
        </Button>
      </header>
      <main className="app-content">
        <Suspense fallback={<div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>}>
          {route.draftId ? (
            <DraftScreen
              key={route.draftId}
              draftId={route.draftId}
              step={route.step}
              onStep={(step) => navigate(route.draftId, step)}
              onBack={() => navigate(null)}
              onOpenDraft={(id) => navigate(id)}
            />
          ) : (
            <HomeScreen onOpen={(id) => navigate(id)} />
          )}
        </Suspense>
      </main>
      {about && <AboutDialog onClose={() => setAbout(false)} />}
      {help && (
        <Suspense fallback={null}>
          <HelpDialog onClose={() => setHelp(false)} />
        </Suspense>
      )}
    </div>
  );
}

function AboutDialog({ onClose }: { onClose: () => void }) {
  const { message } = AntApp.useApp();
  const [info, setInfo] = useState<{ version: string; dataFile: string; host: 'electron' | 'web' } | null>(null);
  const [backups, setBackups] = useState<BackupSummary[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // The outcome of 立即备份 stays in the dialog (a toast is gone before a busy user looks up).
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const loadBackups = () =>
    api['backups.list']({})
      .then(setBackups)
      .catch((error: unknown) => {
        setBackups([]);
        message.error(error instanceof Error ? error.message : String(error));
      });
  useEffect(() => {
    void api['app.info']({}).then(setInfo);
    void loadBackups();
    // Loaded once when the dialog opens.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- once per opening, not on every render
  }, []);

  const backupNow = async () => {
    setBusy('create');
    setOutcome(null);
    try {
      await saveQueue.flush();
      const made = await api['backups.create']({});
      setOutcome({ ok: true, text: `已备份（${dayjs(made.createdAt).format('HH:mm:ss')}，${(made.sizeBytes / 1024).toFixed(0)} KB）` });
      await loadBackups();
    } catch (error) {
      setOutcome({ ok: false, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(null);
    }
  };

  const restore = async (backup: BackupSummary) => {
    setBusy(backup.fileName);
    try {
      await saveQueue.flush();
      await api['backups.restore']({ fileName: backup.fileName });
      // Every draft may have changed: start again from the home screen with what is now stored.
      window.location.hash = '#/';
      window.location.reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
      setBusy(null);
    }
  };

  return (
    <Modal open title="关于与数据位置" onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} width={720}>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label="版本">{info?.version ?? '…'}</Descriptions.Item>
        <Descriptions.Item label="数据文件">{info?.dataFile ?? '…'}</Descriptions.Item>
        <Descriptions.Item label="运行方式">{info ? (info.host === 'electron' ? '桌面程序' : '浏览器（仅本机）') : '…'}</Descriptions.Item>
      </Descriptions>
      <p style={{ marginTop: 12 }}>
        所有草稿只保存在本机的这个数据文件中，每次修改都会立即写入；程序还会自动备份整个数据文件。手动备份：退出程序后复制整个数据文件夹即可。
      </p>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', margin: '8px 0' }}>
        <strong>自动备份</strong>
        <span style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
          <span role="status" data-testid="backup-outcome">
            {outcome && <Typography.Text type={outcome.ok ? 'success' : 'danger'}>{outcome.text}</Typography.Text>}
          </span>
          <Button size="small" loading={busy === 'create'} onClick={() => void backupNow()}>
            立即备份
          </Button>
        </span>
      </div>
      {/* Focusable, so the list of backups scrolls from the keyboard too. */}
      <div style={{ maxHeight: 260, overflow: 'auto' }} tabIndex={0} role="region" aria-label="备份列表">
      <List
        size="small"
        bordered
        loading={backups === null}
        dataSource={backups ?? []}
        locale={{ emptyText: '还没有备份' }}
        renderItem={(backup) => (
          <List.Item
            actions={[
              <Popconfirm key="restore" title="用这个备份替换全部数据？" description="当前的全部数据会先另存为一个备份。"
                okText="恢复" cancelText="取消" onConfirm={() => restore(backup)}>
                <Button size="small" loading={busy === backup.fileName}>恢复</Button>
              </Popconfirm>,
            ]}
          >
            {dayjs(backup.createdAt).format('YYYY-MM-DD HH:mm:ss')} · {backup.causeLabel} · {(backup.sizeBytes / 1024).toFixed(0)} KB
          </List.Item>
        )}
      />
      </div>
    </Modal>
  );
}
