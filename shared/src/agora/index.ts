export * from './rules';
export * from './presets';
export * from './ballot';
export * from './tally';
export * from './scope';
export * from './phases';
export { agoraTabRoutes, agoraSettingsView, topicSummaryView, type TopicSummaryView } from './tabRoutes';
export * from './contracts';
