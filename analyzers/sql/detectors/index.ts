import type { SqlDetector } from '../detector.js';
import { drizzleDetector } from './drizzle.js';
import { knexDetector } from './knex.js';
import { kyselyDetector } from './kysely.js';
import { mikroOrmDetector } from './mikro-orm.js';
import { objectionDetector } from './objection.js';
import { prismaDetector } from './prisma.js';
import { rawSqlDetector } from './raw-sql.js';
import { sequelizeDetector } from './sequelize.js';
import { tableArgumentsDetector } from './table-arguments.js';
import { typeormDetector } from './typeorm.js';

/** Every SQL detector, one per client library. A test fails when a detector file is missing here. */
export const sqlDetectors: readonly SqlDetector[] = [
  rawSqlDetector,
  knexDetector,
  kyselyDetector,
  drizzleDetector,
  typeormDetector,
  mikroOrmDetector,
  prismaDetector,
  sequelizeDetector,
  objectionDetector,
  tableArgumentsDetector,
];
