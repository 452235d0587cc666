/** Permalinks: the scenario document and view state in a readable query string, and the document helpers the store uses. */
export {
  ALIASES,
  COMPARE_PARAM,
  LINK_VERSION,
  decodePermalink,
  encodePermalink,
  type DecodedLink,
  type LinkProblem,
} from './codec';
export {
  deleteAtPath,
  docFromEntries,
  flattenDoc,
  getAtPath,
  hasPath,
  isNullableObjectPath,
  LINK_PATHS,
  setAtPath,
  type ScenarioDoc,
} from './doc';
export { deepEqual, diffFromBase, pruneDefaults } from './prune';
export { repairDoc, type Removal, type Repaired } from './repair';
