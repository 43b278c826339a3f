/** When the organisation manages Lockpane: say so, and list what it set (for the person who asks IT). */
import { useEffect, useState } from 'preact/hooks';
import { call } from '../../shared/client';
import type { PolicyStatus } from '../../shared/policy-status';
import { formatDate, t } from '../../ui-kit/i18n';

export function PolicySection() {
  const [status, setStatus] = useState<PolicyStatus | null>(null);
  useEffect(() => { call('policy.status', {}).then(setStatus, () => setStatus(null)); }, []);
  if (!status?.managed) return null;
  return (
    <section aria-labelledby="policy-heading" data-testid="policy-section">
      <h3 id="policy-heading">{t('policyHeading')}</h3>
      <p>{t('policyExplain')}</p>
      <ul class="lp-plain">
        {status.enabledSites.length > 0 && <li>{t('policySites', status.enabledSites.join(', '))}</li>}
        {status.blockedSites.length > 0 && <li>{t('policyBlocked', status.blockedSites.join(', '))}</li>}
        {status.roots.length > 0 && <li>{t('policyRoots', String(status.roots.length))}</li>}
        {status.preinstalled.length > 0 && <li>{t('policyKeys', String(status.preinstalled.length))}</li>}
        {status.appliedAt && <li>{t('policyApplied', formatDate(status.appliedAt))}</li>}
      </ul>
      {status.warnings.length > 0 && <p class="lp-warn">{t('policyWarnings', String(status.warnings.length))}</p>}
    </section>
  );
}
