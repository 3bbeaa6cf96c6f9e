// Access rows for the notifications capability (api/notifications/routes.ts).
import { type Rows, signedIn } from './matrix.ts';

export const notificationsRows: Rows = {
  'GET /api/notifications': { call: () => ({ path: '/api/notifications' }), expect: signedIn(200) },
  'POST /api/notifications/read': { call: () => ({ path: '/api/notifications/read', body: {} }), expect: signedIn(200) },
};
