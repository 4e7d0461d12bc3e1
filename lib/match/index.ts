export { Matcher, type ReadOptions } from './matcher';
export { compileMatcherData, type CompileResult } from './compile';
export { PageEvidence, affects, type Candidate, type Evidence, type EvidenceChange, type Reading } from './context';
export type { MatcherData, Match, CompiledEntity, CompiledTopic } from './data';
