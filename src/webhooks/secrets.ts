// Webhook signing secrets, encrypted at rest: AES-256-GCM under COHORT_SECRETS_KEY (Node's
// crypto), stored as "v1:<iv>:<tag>:<ciphertext>" in base64. A database dump alone does not
// give the secrets; a wrong key fails loudly (GCM's tag) instead of signing with garbage.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { InvalidInputError } from '../shared/errors.js';

/** A new secret in the Standard Webhooks format: "whsec_" and 32 random bytes in base64. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The key, COHORT_SECRETS_KEY as the root read it (config.ts); null when unset. */
export type SecretsKey = Buffer | null;

function usable(key: SecretsKey, path: string[]): Buffer {
  if (!key) {
    throw new InvalidInputError(
      'Webhooks need COHORT_SECRETS_KEY (32 bytes in base64, e.g. from `openssl rand -base64 32`) to encrypt their signing secrets: set it and restart',
      path,
    );
  }
  return key;
}

export function encryptSecret(key: SecretsKey, secret: string, path: string[] = []): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', usable(key, path), iv);
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
}

export function decryptSecret(key: SecretsKey, stored: string): string {
  const [version, iv, tag, ciphertext] = stored.split(':');
  if (version !== 'v1' || !iv || !tag || !ciphertext) throw new Error('A webhook secret is stored in an unknown format');
  const decipher = createDecipheriv('aes-256-gcm', usable(key, []), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('A webhook secret does not decrypt with COHORT_SECRETS_KEY: was the key changed?');
  }
}
