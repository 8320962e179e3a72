import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'route-config',
  rowsOf,
  [
    {
      name: "a controller's route helper (Unleash), handler a method of the class",
      text: "import type { Request } from 'express';\nconst PATH = '/:projectId/features';\nconst PATH_FEATURE = `${PATH}/:featureName`;\nclass FeatureController extends Controller {\n  constructor(config) {\n    super(config);\n    this.route({ method: 'get', path: PATH_FEATURE, handler: this.getFeature, permission: NONE, middleware: [openApi.validPath({})] });\n  }\n  async getFeature(req, res) {\n    res.end();\n  }\n}",
      rows: ['7 http express GET /:projectId/features/:featureName <- openApi.validPath, L9-11'],
    },
    {
      name: 'a path built from a parameter keeps the hole',
      text: "class ContextController {\n  constructor(prefix) {\n    this.route({ method: 'post', path: `${prefix}/validate`, handler: this.validate });\n  }\n}",
      rows: ['3 http route-config POST {prefix}/validate <- this.validate'],
    },
  ],
  [
    { name: 'route() without a handler', text: "this.route({ method: 'get', path: '/x' });" },
    { name: 'route() with a computed method', text: "this.route({ method: m, path: '/x', handler: h });" },
  ],
);
