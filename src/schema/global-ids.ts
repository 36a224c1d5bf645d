// Global IDs as every path decodes them: Relay's "Type:id" in base64, refused when it does not
// decode, names a type that has no nodes, or holds a NUL character (no database stores one: it
// would fail there, as an unexpected error, instead of here, as bad input).
import { PothosValidationError } from '@pothos/core';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { isObjectType, type GraphQLSchema } from 'graphql';

/** The types whose objects have global IDs (those implementing Node), once the schema is built. */
const nodeTypes = new Set<string>();

export function registerNodeTypes(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type) && type.getInterfaces().some((face) => face.name === 'Node')) nodeTypes.add(type.name);
  }
}

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const decoded = decodeGlobalID(globalId);
  if (decoded.id.includes('\u0000') || (nodeTypes.size > 0 && !nodeTypes.has(decoded.typename)))
    throw new PothosValidationError(`Invalid global ID: ${globalId}`);
  return decoded;
}
