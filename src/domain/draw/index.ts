/**
 * The draw (双随机: 随机抽取检查对象、随机选派执法检查人员), pure and reproducible.
 * See docs/draw-algorithm.md.
 */
export * from './types';
export {
  prepareDraw,
  type PrepareDrawInput,
  type PrepareDrawBase,
  type PreparedDraw,
  type PreparedInMemory,
  type PreparedHead,
  type PrepareCounts,
} from './prepare';
export { startPrepare, needsPlainGroups, type PrepareStart } from './prepare-start';
export { planLot, type LotPlan } from './prepare-lot';
export { commitDraw, type FrozenLot } from './prepare-commit';
export { serializedLot, parseEnterpriseLine, unescapeField, findTarget, lotRecords, lineSlices, SerializedLot, PartialLot } from './lot';
export { executeDraw, runDraw, lotPositionsToRead, type ExecutedDraw, type DrawCore, type CommittedDraw } from './execute';
export {
  drawReplacement,
  replacementFromSeed,
  applyReplacement,
  replacementStreamLabel,
  type ReplacementRequest,
} from './replacement';
export {
  buildDrawExport,
  EXPORT_FORMAT,
  EXPORT_FORMAT_V1,
  publicReplacement,
  type DrawExport,
  type DrawPlanRef,
  type DrawTimeline,
  type PublicationEntry,
  type RecordedBeaconRound,
  type ReplacementRecord,
} from './export';
export { verifyDrawExport, type VerifyResult } from './verify';
export {
  buildEnterprisePool,
  makeMatcher,
  matchesAll,
  plainTest,
  sliceDirectory,
  OPERATING_STATUS,
  type EnterprisePool,
  type EnterprisePoolInput,
  type EnterprisePoolCounts,
  type PlainSpec,
  type PlainGroup,
  type DirectorySlice,
} from './enterprise-pool';
export { buildOfficerPool, officerExclusion, type OfficerPool } from './officer-pool';
export { drawTargets, positionsRead, targetStreamLabel, type DrawTargetsInput, type DrawnTargets } from './targets';
export { planStrata, ratioTake, countLot, countGroups, type StratumPlan, type LotCounts } from './strata';
export { drawOfficers, OFFICER_STREAM_LABEL, type DrawOfficersInput } from './officers';
export { commitmentOf, deriveSeed, SECRET_BYTES, type SeedInputs } from './commitment';
export { canonicalJson } from './canonical-json';
export {
  hashEnterprisePool,
  hashOfficerPool,
  serializeEnterprisePool,
  serializeOfficerPool,
  enterpriseLine,
  ENTERPRISE_POOL_HEADER,
  officerLine,
  escapeField,
} from './serialize';
export { normalizeParams, type ParamsInput, type NormalizedParams } from './params';
export { DEFAULT_POLICY, MIN_OFFICERS_PER_INSPECTION, TWO_OFFICERS_ARTICLE, TWO_OFFICERS_SOURCES, checkGroupSize, checkInspectionTeam } from './policy';
export type { ExcludedEnterprise, ExcludedOfficer, EnterpriseExclusionCode, OfficerExclusionCode } from './exclusions';
export { EXCLUSION_LABELS, exclusionsText } from './exclusions';
