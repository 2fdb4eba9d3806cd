/**
 * The certificate an https:// proxy URL serves: which names it covers, who issued it, how many days are
 * left. Fails when it does not cover the host (browsers refuse the connection, so the SDK sends nothing),
 * is expired or not yet valid, or is not trusted; warns when fewer than EXPIRY_WARN_DAYS days remain.
 * An http:// URL (the local edge) has no certificate: skipped.
 */
import { fail, pass, skip, warn } from '../check-result.ts';
import type { Check } from '../check.ts';
import { tlsInspector, type CertificateInspector } from '../tls-certificate.ts';

export const EXPIRY_WARN_DAYS = 21;
const DAY_MS = 86_400_000;

const day = (d: Date) => d.toISOString().slice(0, 10);

/** `now` is injected so the expiry arithmetic is testable without a clock. */
export function certificateCheck(inspect: CertificateInspector, now: () => number = Date.now): Check {
  return {
    id: 'certificate',
    title: 'TLS certificate of the proxy host',
    async run(target, _probe, context) {
      const url = new URL(target.apiHost);
      if (url.protocol !== 'https:') return skip(`${url.protocol}// URL: no certificate (the local edge); run verify on the https:// URL of the deployed proxy`);
      const cert = await inspect(url, context?.signal ?? AbortSignal.timeout(10_000));
      const host = url.hostname;
      const days = Math.floor((cert.validTo.getTime() - now()) / DAY_MS);
      const seen = `${host}: certificate for ${cert.names.join(', ') || 'no names'}; issuer ${cert.issuer}; expires ${day(cert.validTo)}`;
      if (!cert.coversHost) {
        return fail(`${seen}: does not cover ${host}`,
          `the certificate served for ${host} does not name it: browsers refuse the connection, so the SDK sends nothing`,
          `list ${host} in \`domain.names\` with a certificate that covers it (\`hostedZoneId\` makes one; or \`certificateArn\`) and deploy again; or point the DNS name at the right distribution (docs/own-domain.md)`);
      }
      if (cert.validTo.getTime() <= now()) {
        return fail(`${seen} (expired ${-days} days ago)`, 'the certificate has expired: browsers refuse the connection',
          'ACM renews a DNS-validated certificate automatically only while its validation CNAME stays in DNS; restore it, or request a new certificate, set `certificateArn` and deploy (imported certificates are never renewed by ACM)');
      }
      if (cert.validFrom.getTime() > now()) {
        return fail(`${seen}; valid only from ${day(cert.validFrom)}`, 'the certificate is not valid yet: browsers refuse the connection', 'check the clock of this machine; else serve a certificate that is valid now');
      }
      if (!cert.trusted) {
        return fail(`${seen}; not trusted (${cert.trustError})`, 'the certificate chain does not reach a trusted root: browsers refuse the connection',
          'CloudFront serves ACM or publicly trusted certificates: check that the name resolves to the distribution, and that an imported certificate includes its intermediate chain');
      }
      if (days < EXPIRY_WARN_DAYS) {
        return warn(`${seen} (in ${days} days)`, `fewer than ${EXPIRY_WARN_DAYS} days left: ACM renews DNS-validated certificates well before this, so this one is not renewing`,
          'in ACM (us-east-1), check the certificate\'s renewal status: restore its validation CNAME records, or renew and re-import an imported certificate, then deploy if the ARN changed');
      }
      return pass(`${seen} (in ${days} days)`);
    },
  };
}

export const certificate: Check = certificateCheck(tlsInspector());
