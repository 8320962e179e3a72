import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'hono',
  rowsOf,
  [
    {
      name: 'routes, a base path and a sub-app',
      text: "import { Hono } from 'hono';\nconst app = new Hono().basePath('/api');\nconst books = new Hono();\nbooks.get('/', (c) => c.json([]));\nbooks.post('/:id', createBook);\napp.route('/books', books);\napp.get('/health', health);",
      rows: ['4 http hono GET /api/books <- L4-4', '5 http hono POST /api/books/:id <- createBook', '7 http hono GET /api/health <- health'],
    },
  ],
  [{ name: 'a file without hono', text: "const app = new Hono();\napp.get('/x', h);" }],
);
