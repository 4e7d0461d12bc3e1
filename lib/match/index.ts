export { Matcher, type ReadOptions } from './matcher';
export { compileMatcherData, type CompileResult } from './compile';
export { buildMatcherData, type BuildResult } from './build';
export { tabulate, type PublishedMatcherData } from './tables';
export { PageEvidence, affects, type Candidate, type Evidence, type EvidenceChange, type Reading } from './context';
export type { MatcherData, MatcherInfo, Match, CompiledEntity, CompiledTopic } from './data';
