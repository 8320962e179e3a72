import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'koa',
  rowsOf,
  [
    {
      name: 'RPC-style routes with middleware (outline)',
      text: "import Router from 'koa-router';\nconst router = new Router();\nrouter.post('documents.list', auth(), pagination(), async (ctx) => {\n  ctx.body = [];\n});",
      rows: ['3 http koa POST documents.list <- auth, pagination, L3-5'],
    },
    {
      name: 'a router prefix and a nested router',
      text: "import Router from '@koa/router';\nconst api = new Router({ prefix: '/api' });\nconst users = new Router();\nusers.get('/:id', show);\nusers.del('/:id', remove);\napi.use('/users', users.routes());",
      rows: ['4 http koa GET /api/users/:id <- show', '5 http koa DELETE /api/users/:id <- remove'],
    },
    {
      name: 'a named route',
      text: "import Router from '@koa/router';\nconst router = new Router();\nrouter.get('user', '/users/:id', loadUser, show);",
      rows: ['3 http koa GET /users/:id <- loadUser, show'],
    },
  ],
  [
    { name: 'a file without a Koa router import', text: "const router = new Router();\nrouter.get('/x', h);" },
    { name: 'a receiver that is not a router', text: "import Router from 'koa-router';\nctx.cookies.get('token', { signed: true });" },
  ],
);
