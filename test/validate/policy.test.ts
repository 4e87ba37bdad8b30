import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPolicy } from '../../src/validate/policy/index.js';
import { checkSyntax } from '../../src/validate/syntax.js';

const game = (body: string, config = '{ type: Phaser.AUTO, width: 800, height: 600, scene: { create } }') =>
  `// a small but complete game, padded past the minimum size with this comment ...........................................\n` +
  `// ..............................................................................................................\nfunction create() {\n${body}\n}\nnew Phaser.Game(${config});\n`;
const codes = (code: string, maxCodeBytes = 60_000) => (checkPolicy(code, { maxCodeBytes }) ?? []).filter((i) => i.severity === 'error').map((i) => i.code);

test('ordinary game code raises no policy error', () => {
  const code = game(`
    const parent = this.add.container(0, 0);
    const child = this.add.rectangle(0, 0, 10, 10, 0xffffff);
    parent.add(child);
    const player = { location: { x: 1, y: 2 } };
    player.location = { x: 3, y: 4 };
    this.textures.addBase64('dot', 'data:image/png;base64,iVBORw0KGgo=');
    this.load.image('pixel', 'data:image/png;base64,iVBORw0KGgo=');
    this.load.on('complete', () => console.log(child.parentContainer === parent));
    setTimeout(() => player.location.x++, 10);
    for (let i = 0; ; i++) { if (i > 3) break; }
    while (true) { if (Math.random() > 0.5) return; }`);
  assert.deepEqual(codes(code), []);
});

test('each rule fires with its code, line and column', () => {
  const code = game(`fetch('/scores');`);
  const issue = checkPolicy(code, { maxCodeBytes: 60_000 })!.find((i) => i.code === 'network_call')!;
  assert.equal(issue.severity, 'error');
  assert.deepEqual([issue.line, issue.column], [4, 1]);
  assert.deepEqual(codes(game(`window['localStorage'].setItem('a', '1');`)), ['storage_access']);
  assert.deepEqual(codes(game(`const xhr = new XMLHttpRequest();`)), ['network_call']);
  assert.deepEqual(codes(game(`navigator.sendBeacon('/x', '1');`)), ['network_call']);
  assert.deepEqual(codes(game(`const s = new EventSource('/events');`)), ['network_call']);
  assert.deepEqual(codes(game(`const w = new Worker('worker.js');`)), ['external_script']);
  assert.deepEqual(codes(game(`document.body.appendChild(document.createElement('script'));`)), ['external_script']);
  assert.deepEqual(codes(game(`window.eval('1');`)), ['eval_call']);
  assert.deepEqual(codes(game(`const f = Function('return 1');`)), ['function_constructor']);
  assert.deepEqual(codes(game(`setTimeout('create()', 5);`)), ['string_timer']);
  assert.deepEqual(codes(game(`indexedDB.open('db');`)), ['storage_access']);
  assert.deepEqual(codes(game(`window.top.postMessage('hi', '*');`)), ['dom_escape']);
  assert.deepEqual(codes(game(`location.assign('/other');`)), ['dom_escape']);
  assert.deepEqual(codes(game(`const img = new Image(); img.src = 'hero.png';`)), ['external_asset']);
  assert.deepEqual(codes(game(`this.load.setBaseURL('https://cdn.example.com/');`)), ['network_url']);
  assert.deepEqual(codes(game(`for (;;) { create(); }`)), ['infinite_loop']);
});

test('warnings: blocking dialogs and page reloads do not fail the level', () => {
  const issues = checkPolicy(game(`alert('Game over'); location.reload();`), { maxCodeBytes: 60_000 })!;
  assert.deepEqual(issues.map((i) => [i.code, i.severity]), [['blocking_dialog', 'warning'], ['page_reload', 'warning']]);
});

test('game config: size bounds, renderer, physics; constants are followed', () => {
  assert.deepEqual(codes(game('', '{ type: Phaser.CANVAS, width: W * 2, height: 600, scene: { create } }').replace('function create', 'const W = 3000;\nfunction create')), ['config_size']);
  assert.deepEqual(codes(game('', '{ type: 3, width: 800, height: 600, scene: { create } }')), ['config_renderer']);
  assert.deepEqual(codes(game('', '{ type: Phaser.WEBGL, width: "100%", height: "tall", scene: { create } }')), ['config_size']);
  assert.deepEqual(codes(game('this.matter.add.rectangle(1, 1, 2, 2);', '{ physics: { default: "arcade" }, scene: { create } }')), ['physics_not_enabled']);
  assert.deepEqual(codes(game('this.physics.add.sprite(1, 1, "a"); this.matter.world.setBounds();', '{ physics: { default: "arcade", matter: {} }, scene: { create } }')), []);
  const noScene = checkPolicy(game('', '{ width: 800, height: 600 }'), { maxCodeBytes: 60_000 })!;
  assert.ok(noScene.some((i) => i.code === 'config_no_scene' && i.severity === 'warning'));
});

test('size limit comes from the config', () => {
  const code = game(`this.add.text(0, 0, 'x');`);
  assert.deepEqual(codes(code, 200), ['code_too_large']);
  assert.deepEqual(codes(code, 60_000), []);
});

test('L1: a module-only game is one program but L3 fails its import; an empty file is an error', () => {
  const code = `import Phaser from 'phaser';\nnew Phaser.Game({});\n`;
  assert.deepEqual(checkSyntax(code).map((i) => [i.code, i.severity]), [['module_syntax', 'warning']]);
  assert.ok(codes(code).includes('import_statement'));
  assert.deepEqual(checkSyntax('  \n').map((i) => i.code), ['empty_code']);
  assert.deepEqual(checkSyntax('new Phaser.Game({});\nnew Phaser.Game({});\n').map((i) => [i.code, i.severity, i.line]), [['several_phaser_games', 'warning', 2]]);
  const broken = checkSyntax('const a = ;\nnew Phaser.Game({});\n');
  assert.deepEqual(broken.map((i) => [i.code, i.line, i.column]), [['syntax_error', 1, 11]]);
});
