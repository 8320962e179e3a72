import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

const imports = "import express, { Router } from 'express';\n";

testDetectorTable(
  'express',
  rowsOf,
  [
    {
      name: 'app routes with inline handlers, middleware and a named handler',
      text: `${imports}const app = express();\napp.get('/healthz', (req, res) => res.json({ ok: true }));\napp.post('/orders', requireAuth, validate(schema), createOrder);\napp.delete('/orders/:id', ordersController.remove);`,
      rows: [
        '3 http express GET /healthz <- L3-3',
        '4 http express POST /orders <- requireAuth, validate, createOrder',
        '5 http express DELETE /orders/:id <- ordersController.remove',
      ],
    },
    {
      name: 'a router mounted under a prefix, twice removed',
      text: `${imports}const app = express();\nconst api = Router();\nconst orders = express.Router();\norders.get('/:id', show);\napi.use('/orders', orders);\napp.use('/api', api);`,
      rows: ['5 http express GET /api/orders/:id <- show'],
    },
    {
      name: 'route() chains with several verbs',
      text: `${imports}const router = Router();\nrouter.route('/carts/:id')\n  .get(showCart)\n  .put(auth, updateCart);`,
      rows: ['4 http express GET /carts/:id <- showCart', '5 http express PUT /carts/:id <- auth, updateCart'],
    },
    {
      name: 'a wrapped named handler and an array of middleware',
      text: `${imports}export const paymentsRouter = Router();\npaymentsRouter.post('/webhooks', [express.raw(), verify], asyncHandler(handleWebhook));`,
      rows: ['3 http express POST /webhooks <- express.raw, verify, asyncHandler, handleWebhook'],
    },
    {
      name: 'an exported router named like one, a path from a constant and one from a template',
      text: `${imports}const BASE = '/items';\nexport const cartRouter = Router();\ncartRouter.patch(\`\${BASE}/:id\`, async (req, res) => {\n  res.end();\n});\ncartRouter.get(BASE, list);`,
      rows: ['4 http express PATCH /items/:id <- L4-6', '7 http express GET /items <- list'],
    },
    {
      name: 'an array of paths and all()',
      text: `${imports}const app = express();\napp.all(['/a', '/b'], h);`,
      rows: ['3 http express ALL /a <- h', '3 http express ALL /b <- h'],
    },
  ],
  [
    { name: 'a file that does not import express', text: "const app = makeApp();\napp.get('/x', h);" },
    { name: 'app settings (one argument) and maps', text: `${imports}const app = express();\napp.get('env');\nconst cache = new Map();\ncache.get('/x', fallback);` },
    { name: 'a route whose path is a parameter', text: `${imports}const router = Router();\nfunction add(path, h) { router.get(path, h); }` },
    { name: 'axios-like calls on other receivers', text: `${imports}await client.get('/orders', { params });` },
  ],
);
