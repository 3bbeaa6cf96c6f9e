import { newRouter } from '../http/router.ts';
import { cohortRoutes } from './cohort-routes.ts';
import { enrolmentRoutes } from './enrolment-routes.ts';
import { programRoutes } from './program-routes.ts';

/**
 * The programs capability: managers' regions (admins), programs and their managers, cohorts and
 * their rosters, and how learners join (a code or an invitation). Chained so its type carries
 * every route into the browser's typed client.
 */
export const programsRoutes = newRouter().route('/', programRoutes).route('/', cohortRoutes).route('/', enrolmentRoutes);
