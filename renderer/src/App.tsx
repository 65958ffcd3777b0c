import { useSyncExternalStore } from 'react';
import { CardStack } from './popup/CardStack';
import { MainWindow } from './history/MainWindow';
import { useCallPopSync } from './sync';

export type Route = 'popup' | 'main';

export function routeOf(hash: string): Route {
  return hash.startsWith('#/popup') ? 'popup' : 'main';
}

function subscribeHash(cb: () => void) {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function App() {
  useCallPopSync();
  const route = useSyncExternalStore(subscribeHash, () => routeOf(window.location.hash));
  if (route === 'popup') {
    return (
      <div className="popup-window">
        <CardStack />
      </div>
    );
  }
  return <MainWindow />;
}
