// The schema's input types, read by introspection, so that forms follow the server's plugins:
// a condition or an effect a partner adds (COHORT_PLUGINS) appears with its fields and their
// descriptions without any change here.
import { useQuery } from '@tanstack/react-query';
import { requestText } from './client';

export interface TypeRef {
  kind: 'NON_NULL' | 'LIST' | 'SCALAR' | 'ENUM' | 'INPUT_OBJECT' | 'OBJECT' | 'INTERFACE' | 'UNION';
  name: string | null;
  ofType: TypeRef | null;
}

export interface InputField {
  name: string;
  description: string | null;
  type: TypeRef;
  defaultValue: string | null;
}

export interface SchemaType {
  kind: TypeRef['kind'];
  name: string;
  description: string | null;
  isOneOf: boolean | null;
  inputFields: InputField[] | null;
  enumValues: { name: string; description: string | null }[] | null;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
const INTROSPECTION = `query ConsoleInputTypes { __schema { types { kind name description isOneOf
  inputFields { name description defaultValue type { ${TYPE_REF} } }
  enumValues { name description } } } }`;

export class InputTypes {
  private readonly byName: Map<string, SchemaType>;
  constructor(types: SchemaType[]) {
    this.byName = new Map(types.map((type) => [type.name, type]));
  }
  get(name: string): SchemaType {
    const type = this.byName.get(name);
    if (!type) throw new Error(`The API has no type ${name}`);
    return type;
  }
  /** The fields of an input type. */
  fields(name: string): InputField[] {
    return this.get(name).inputFields ?? [];
  }
  field(typeName: string, fieldName: string): InputField | undefined {
    return this.fields(typeName).find((field) => field.name === fieldName);
  }
}

export function useInputTypes() {
  return useQuery({
    queryKey: ['input-types'],
    queryFn: async () => new InputTypes((await requestText<{ __schema: { types: SchemaType[] } }>(INTROSPECTION)).__schema.types),
    staleTime: Infinity,
  });
}

/** The named type under NON_NULL and LIST wrappers. */
export function namedType(type: TypeRef): TypeRef {
  return type.ofType ? namedType(type.ofType) : type;
}

export const isRequired = (type: TypeRef) => type.kind === 'NON_NULL';
export const unwrapNonNull = (type: TypeRef) => (type.kind === 'NON_NULL' && type.ofType ? type.ofType : type);
