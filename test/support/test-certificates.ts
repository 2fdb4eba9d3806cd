/**
 * Certificates made in the test, never stored: a CA and leaf certificates it signs, with the names and
 * validity a case needs (covering the host, not covering it, expired, expiring soon), as PEM for a local
 * TLS server and for the client's trust list.
 */
import './reflect-metadata-shim.ts';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

const crypto = webcrypto as unknown as Crypto;
x509.cryptoProvider.set(crypto);
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY = 86_400_000;

export interface TestCa {
  pem: string;
  certificate: x509.X509Certificate;
  keys: CryptoKeyPair;
}

export interface TestLeaf {
  certPem: string;
  keyPem: string;
}

async function keyPair(): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

export async function makeCa(commonName = 'Test Proxy CA'): Promise<TestCa> {
  const keys = await keyPair();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${commonName}, O=posthog-cloudfront-proxy tests`,
    keys,
    signingAlgorithm: ALGORITHM,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 3650 * DAY),
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
  return { pem: certificate.toString('pem'), certificate, keys };
}

/** A leaf for `names` (DNS), valid from `fromDays` to `toDays` days relative to now (negative: the past). */
export async function makeLeaf(ca: TestCa, names: string[], validity: { fromDays: number; toDays: number }): Promise<TestLeaf> {
  const keys = await keyPair();
  const certificate = await x509.X509CertificateGenerator.create({
    subject: `CN=${names[0]}`,
    issuer: ca.certificate.subject,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: ALGORITHM,
    notBefore: new Date(Date.now() + validity.fromDays * DAY),
    notAfter: new Date(Date.now() + validity.toDays * DAY),
    extensions: [
      new x509.SubjectAlternativeNameExtension(names.map((value) => ({ type: 'dns' as const, value }))),
      new x509.BasicConstraintsExtension(false),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    ],
  });
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certPem: certificate.toString('pem'), keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') };
}
