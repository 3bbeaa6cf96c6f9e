import type { Context } from 'hono';
import type { Database } from './db/client.ts';
import type { CurriculumIndex } from '#core/curriculum/manifest.ts';
import type { User } from './auth/tables.ts';
import type { ScryptParams } from './auth/password.ts';
import type { MatchSolver } from './matching/solver.ts';
import type { IssuerConfig } from './certification/issuing.ts';

export interface RateLimitRule {
  /** Requests allowed per window per client address. */
  limit: number;
  windowMs: number;
}

/** Everything the app needs from the outside world; entries (Node, Workers, tests) provide it. */
export interface AppDeps {
  db: Database;
  curriculum: CurriculumIndex;
  /** The site's public origin; state-changing requests must come from it. */
  publicOrigin: string;
  version: string;
  clock?: () => Date;
  passwordParams?: ScryptParams;
  /** Sign-in and registration attempts per client address. */
  authRateLimit?: RateLimitRule;
  /** The client's address for rate limiting; undefined when unknown. */
  clientIp?: (c: Context) => string | undefined;
  log?: (level: 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>) => void;
  /** Where matching runs solve: inline by default (Workers, tests); the Node server uses a worker thread. */
  solveMatching?: MatchSolver;
  /** The most learners × mentors a matching run may have here (Workers solve inline, under a CPU limit); unlimited by default. */
  matchingLimit?: number;
  /** The key certificates are signed with; without it nothing is issued (and the API says why). */
  issuer?: IssuerConfig;
}

export type SessionUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'locale' | 'country'>;

export interface AppEnv {
  Variables: {
    deps: Required<Omit<AppDeps, 'clientIp' | 'issuer'>> & Pick<AppDeps, 'clientIp' | 'issuer'>;
    user: SessionUser | null;
    sessionId: string | null;
    requestId: string;
  };
}

export type AppContext = Context<AppEnv>;
