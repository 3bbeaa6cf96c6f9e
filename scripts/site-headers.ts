// Writes dist/_headers from api/http/site-headers.ts, for the Workers assets binding (the Node
// server sets the same headers itself). Runs after precompress, so no .br/.gz copy of it is made.
import { writeFileSync } from 'node:fs';
import { headersFile } from '../api/http/site-headers.ts';

writeFileSync('dist/_headers', headersFile());
