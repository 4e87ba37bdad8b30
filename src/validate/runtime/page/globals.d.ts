// What the page scripts see besides the DOM: Phaser (loaded after the harness), the harness's
// own global, and the replay wrapper's function (servePage.ts).
declare interface Window {
  Phaser: any;
  __phaserSftTake?: () => import('../pageApi.js').HarnessApi;
  __phaserSftReplay: (() => void) | null;
  [name: string]: any;
}
