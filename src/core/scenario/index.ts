/** The scenario: its types, defaults, schema, parser and strategy constraints. */
export type * from './types';
export { DEFAULT_SCENARIO } from './defaults';
export { FIELDS, OBJECTS, RANK_ORDERS, fieldByPath, objectByPath, type FieldDef, type FieldType, type ObjectDef } from './schema';
export { checkValue, describeAllowed, formatValue } from './field-check';
export { parseScenario, type ParseResult } from './parse';
export { ROOT_PATH } from './read-input';
export { checkStrategy } from './constraints';
