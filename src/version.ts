import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The directory of seams' own package (holds package.json, fixtures/, schema/). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** seams' own version, from its package.json. */
export const SEAMS_VERSION: string = (require(path.join(PACKAGE_ROOT, 'package.json')) as { version: string }).version;

/** The bundled fixture monolith analyzed when `seams analyze` gets no directory. */
export const BUNDLED_FIXTURE = path.join(PACKAGE_ROOT, 'fixtures', 'ecommerce');
