import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'fastify',
  rowsOf,
  [
    {
      name: 'shorthand routes with and without options',
      text: "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/orders', listOrders);\napp.post('/orders', { schema }, async (request, reply) => {\n  return {};\n});",
      rows: ['3 http fastify GET /orders <- listOrders', '4 http fastify POST /orders <- L4-6'],
    },
    {
      name: 'the handler in the options object, in a plugin',
      text: "import type { FastifyInstance } from 'fastify';\nexport default async function routes(fastify: FastifyInstance) {\n  fastify.put('/items/:id', { preHandler: auth, handler: updateItem });\n}",
      rows: ['3 http fastify PUT /items/:id <- updateItem'],
    },
    {
      name: 'route() with a method array (read by route-config)',
      text: "import fastify from 'fastify';\nconst server = fastify();\nserver.route({ method: ['GET', 'HEAD'], url: '/status', handler: status });",
      rows: ['3 http fastify GET /status <- status', '3 http fastify HEAD /status <- status'],
    },
  ],
  [{ name: 'a receiver not named like an instance', text: "import fastify from 'fastify';\nconst m = new Map();\nm.get('/x', y);" }],
);
