// Global IDs as every path decodes them: Relay's "Type:id" in base64, refused when it does not
// decode or when the id holds a NUL character (no database stores one: it would fail there,
// as an unexpected error, instead of here, as bad input).
import { PothosValidationError } from '@pothos/core';
import { decodeGlobalID } from '@pothos/plugin-relay';

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const decoded = decodeGlobalID(globalId);
  if (decoded.id.includes('\u0000')) throw new PothosValidationError(`Invalid global ID: ${globalId}`);
  return decoded;
}
