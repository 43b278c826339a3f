/** The options page's sections as plain links (hash routes): keyboard and back button work as usual. */
import { t, tk } from '../ui-kit/i18n';

export type Route = 'keys' | 'import' | 'discovery' | 'trust' | 'settings';
export const routes: { id: Route; label: string }[] = [
  { id: 'keys', label: tk('navKeys') }, { id: 'import', label: tk('navImport') },
  { id: 'discovery', label: tk('navDiscovery') },
  { id: 'trust', label: tk('navTrust') }, { id: 'settings', label: tk('navSettings') },
];

export function routeOf(hash: string): Route | 'welcome' | null {
  const h = hash.replace(/^#/, '');
  if (h === 'welcome') return 'welcome';
  return routes.some((r) => r.id === h) ? (h as Route) : null;
}

export function Nav(props: { current: Route }) {
  return (
    <nav aria-label={t('navLabel')} class="lp-nav">
      <ul>
        {routes.map((r) => (
          <li key={r.id}>
            <a href={`#${r.id}`} aria-current={props.current === r.id ? 'page' : undefined} data-testid={`nav-${r.id}`}>{t(r.label)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
