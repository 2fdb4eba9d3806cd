/**
 * Named errors of the deploy step (CloudFormation resources, attach and detach). Each says what to change.
 */
import { ProxyError } from '../errors/proxy-error.ts';

/**
 * Thrown by attach or detach when the distribution holds something the proxy would have to overwrite or
 * orphan: a behavior of someone else's on one of our path patterns or under our prefix, or a reference to
 * one of our origins from a behavior or origin group we do not own. Nothing has been changed.
 */
export class AttachConflictError extends ProxyError {}

/** Thrown when CloudFront refuses the attach with TooManyCacheBehaviors or TooManyOrigins (its per-account quotas). */
export class AttachLimitError extends ProxyError {}

/** Thrown when the distribution kept changing under us (PreconditionFailed) more times than we retry. */
export class ConcurrentUpdateError extends ProxyError {}

/** Thrown when the distribution did not reach `Deployed` within the time we wait for it. */
export class DeployWaitTimeoutError extends ProxyError {}

/** Thrown when the stack's outputs lack the ids attach needs (stack missing, not deployed, or too old). */
export class StackOutputsError extends ProxyError {}

/** Thrown when the template serverless compiled is not shaped the way serverless.yml should make it. */
export class DeployTemplateError extends ProxyError {}

/**
 * Thrown by attach, before it changes anything, when the distribution is owned by infrastructure code
 * (CloudFormation, CDK, Serverless, Terraform; see iac-markers.ts) and --force-iac was not given.
 */
export class DistributionManagedByIacError extends ProxyError {}
