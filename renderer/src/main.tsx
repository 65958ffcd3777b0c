import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api-context';
import { App, routeOf } from './App';
import { pickTransport } from './bridge';
import { installErrorLogging } from './logging';
import './styles.css';
import './pbx.css';

const transport = pickTransport();
installErrorLogging(transport.api);

// The popup window is transparent and frameless: only the cards are painted.
document.body.classList.toggle('popup-route', routeOf(window.location.hash) === 'popup');

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ApiProvider
      api={transport.api}
      connection={transport.connection}
      browserMode={transport.browserMode}
    >
      <App />
    </ApiProvider>
  </StrictMode>,
);
