// What each mechanic tag looks like to a player, in both languages: the feature phrase that
// OOD prompts are written with, and the check a human reviewer ticks in the rubric.
import type { Lang } from '../schemas/index.js';

interface MechanicText {
  /** A feature, as a request would phrase it. */
  feature: Record<Lang, string>;
  /** What a reviewer checks in the running game. */
  check: Record<Lang, string>;
}

const MECHANIC_TEXT: Record<string, MechanicText> = {
  gravity_jump: { feature: { en: 'the hero falls under gravity and can jump', zh: '角色受重力下落并且可以跳跃' }, check: { en: 'Gravity pulls the player down and a jump works', zh: '有重力，跳跃可用' } },
  collisions: { feature: { en: 'things bump into each other and react', zh: '物体之间会碰撞并作出反应' }, check: { en: 'Collisions are detected and handled', zh: '碰撞被检测并处理' } },
  scoring: { feature: { en: 'a score that goes up as you play', zh: '玩的过程中分数会增加' }, check: { en: 'A score is shown and changes with play', zh: '显示分数且随游戏变化' } },
  lives: { feature: { en: 'a few lives, and losing them all ends the run', zh: '有几条命，命用完游戏结束' }, check: { en: 'Lives are shown and losing them ends the game', zh: '显示生命，用完后结束' } },
  timers: { feature: { en: 'a clock that counts down', zh: '一个倒计时' }, check: { en: 'A timer runs and matters to the game', zh: '计时器在运行并影响游戏' } },
  tweens: { feature: { en: 'smooth animated transitions', zh: '平滑的过渡动画' }, check: { en: 'Objects animate smoothly (tweens)', zh: '物体有平滑动画（补间）' } },
  particles: { feature: { en: 'little particle bursts for effects', zh: '粒子爆发特效' }, check: { en: 'Particle effects appear at the right moments', zh: '在恰当时机出现粒子特效' } },
  camera_follow: { feature: { en: 'a world bigger than the screen with the camera following the player', zh: '比屏幕大的世界，镜头跟随玩家' }, check: { en: 'The camera follows the player through a larger world', zh: '镜头跟随玩家移动' } },
  tilemap_array: { feature: { en: 'a level laid out from a 2D array of tiles', zh: '用二维数组摆出关卡地块' }, check: { en: 'The level is built from an array of tiles', zh: '关卡由数组地块构成' } },
  pointer_drag: { feature: { en: 'dragging things with the mouse or finger', zh: '用鼠标或手指拖动物体' }, check: { en: 'Dragging with the pointer works', zh: '可以用指针拖动' } },
  pointer_click: { feature: { en: 'clicking or tapping to act', zh: '点击或轻触来操作' }, check: { en: 'Clicks or taps do something visible', zh: '点击有可见效果' } },
  keyboard: { feature: { en: 'keyboard controls', zh: '键盘操作' }, check: { en: 'Keyboard controls move or act', zh: '键盘可以控制' } },
  ui_text: { feature: { en: 'on-screen text that tells the player what is going on', zh: '屏幕上有文字提示当前状态' }, check: { en: 'On-screen text explains state and goal', zh: '屏幕文字说明状态和目标' } },
  levels_scenes: { feature: { en: 'a start screen, the game, and a game-over screen', zh: '开始画面、游戏本体和结束画面' }, check: { en: 'Separate scenes or levels and a way between them', zh: '有多个场景或关卡并能切换' } },
  state_machine: { feature: { en: 'characters that switch between clear behaviours', zh: '角色会在几种明确的行为状态之间切换' }, check: { en: 'Entities switch between distinct states', zh: '实体在不同状态之间切换' } },
  procedural: { feature: { en: 'layouts that are different every time', zh: '每次布局都不一样' }, check: { en: 'Content is generated randomly each run', zh: '内容每局随机生成' } },
  spawning: { feature: { en: 'new things keep appearing over time', zh: '新的物体会不断出现' }, check: { en: 'Objects spawn over time', zh: '物体随时间生成' } },
  projectiles: { feature: { en: 'shooting projectiles', zh: '发射子弹或飞行物' }, check: { en: 'Projectiles are fired and hit things', zh: '可以发射并命中目标' } },
  enemy_ai: { feature: { en: 'opponents that move on their own and chase you', zh: '会自己移动并追赶你的对手' }, check: { en: 'Enemies move by themselves with some intent', zh: '敌人自主移动且有目的' } },
  powerups: { feature: { en: 'pick-ups that give a temporary bonus', zh: '能拾取的临时增益道具' }, check: { en: 'Power-ups can be collected and have an effect', zh: '道具可拾取且生效' } },
  grid_logic: { feature: { en: 'a board of cells with its own rules', zh: '有规则的格子棋盘' }, check: { en: 'A grid/board with working rules', zh: '网格/棋盘规则正确' } },
  pause_menu: { feature: { en: 'a pause key', zh: '可以暂停' }, check: { en: 'The game can be paused and resumed', zh: '可以暂停和继续' } },
};

/** The feature phrase of a mechanic (a readable fallback for tags not listed here). */
export function mechanicFeature(id: string, lang: Lang): string {
  return MECHANIC_TEXT[id]?.feature[lang] ?? id.replace(/_/g, ' ');
}

/** The reviewer's check for a mechanic. */
export function mechanicCheck(id: string, lang: Lang): string {
  return MECHANIC_TEXT[id]?.check[lang] ?? (lang === 'zh' ? `实现了「${id}」` : `Implements ${id.replace(/_/g, ' ')}`);
}

/** Whether the mechanic has a phrase of its own (generated prompts only use these). */
export function hasMechanicText(id: string): boolean {
  return id in MECHANIC_TEXT;
}
