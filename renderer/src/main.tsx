import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { theme } from './theme';
// antd's styles as a file made at build time, before the app's own so that those still take precedence.
import 'virtual:antd-static.css';
import './styles.css';

dayjs.locale('zh-cn');


createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    {/*
      No space put between two characters: 「打 开」 beside 「复制」 read as two words. The dialogs' × is named
      关闭 for screen readers, where rc-dialog would otherwise say "Close" whatever the locale.
    */}
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }} modal={{ closable: { 'aria-label': '关闭' } }}>
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
