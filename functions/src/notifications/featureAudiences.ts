import { agoraAudiences } from '../agora/audiences';
import { volunteerAudiences } from '../volunteer/audiences';
import type { FeatureAudiences } from './audiences';

/**
 * Composition root (a named seam, see docs/DEVELOPING.md "Boundaries"): the audiences other features
 * provide to the notification dispatcher. Each feature says who is in its audiences next to its own
 * data; this file only lists them, and the Lambdas that dispatch (dispatcher, sweeper) install it.
 * A feature with a new audience kind adds its provider here.
 */
export const FEATURE_AUDIENCES: FeatureAudiences = { ...agoraAudiences, ...volunteerAudiences };
