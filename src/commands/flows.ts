/**
 * Temporary: the flows moved to src/flows/ (issue 16); the task pane still imports them from here
 * until it is moved after issue 17 lands. Nothing new goes here.
 */
export { ANALYSIS_READ, runValidation } from "../flows/check";
export type { ValidationResult } from "../flows/check";
export { runConsolidation } from "../flows/consolidate";
export type { ConsolidationResult, ConsolidationOptions } from "../flows/consolidate";
export { describeError } from "../flows/outcome";
export type { FlowLevel, FlowProgress } from "../flows/outcome";
export { stampText as timeText } from "../core/state";
