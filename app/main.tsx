import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../components/theme.css';
import './app.css';
import { App } from './App';
import { loadModelIndexInto } from './state/loadModelIndex';
import { startUrlSync } from './state/urlSync';
import { appStore } from './state/useAppStore';

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing the #root element');
startUrlSync(appStore, window);
void loadModelIndexInto(appStore, document.baseURI);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
