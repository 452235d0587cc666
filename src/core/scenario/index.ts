/** The scenario: its types, defaults, schema, parser and strategy constraints. */
export type * from './types';
export { DEFAULT_SCENARIO } from './defaults';
export {
  FIELDS,
  OBJECTS,
  RANK_ORDERS,
  SCENARIO_VERSION,
  fieldByPath,
  objectByPath,
  type FieldDef,
  type FieldType,
  type ObjectDef,
} from './schema';
export { checkValue, describeAllowed, formatValue } from './field-check';
export { parseScenario, type ParseResult } from './parse';
export { MIGRATIONS, migrateDocument, VERSION_WHEN_ABSENT, type Migration, type RawDocument } from './migrations';
export { ROOT_PATH } from './read-input';
export { checkStrategy } from './constraints';
export {
  FRAMEWORK_SWITCHES,
  frameworkAssumptions,
  frameworkSwitches,
  withFrameworkDefaults,
  type FrameworkSwitches,
  type ResolvedScenario,
} from './resolve-framework';
