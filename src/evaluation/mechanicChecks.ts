// What each mechanic tag looks like to a player, in both languages: the feature phrase that
// OOD prompts are written with, and the check a human reviewer scores in the rubric with what
// 0, 1 and 2 look like (each language written on its own, not translated word for word).
import type { Lang } from '../schemas/index.js';

interface MechanicText {
  /** A feature, as a request would phrase it. */
  feature: Record<Lang, string>;
  /** What a reviewer checks in the running game. */
  check: Record<Lang, string>;
  /** What a reviewer sees at 0 (missing), 1 (there but broken or partial) and 2 (works as asked). */
  anchors: Record<Lang, Anchors>;
}

/** The three levels of a rubric item, by score: what the game shows at 0, 1 and 2. */
export type Anchors = [string, string, string];

const MECHANIC_TEXT: Record<string, MechanicText> = {
  gravity_jump: { feature: { en: 'the hero falls under gravity and can jump', zh: '角色受重力下落并且可以跳跃' }, check: { en: 'Gravity pulls the player down and a jump works', zh: '有重力，跳跃可用' }, anchors: { en: ['No gravity, or no jump', 'Gravity or the jump works but feels wrong: floaty, endless mid-air jumps, falling through floors', 'Falls naturally, jumps when asked and lands where it should'], zh: ['没有重力，或者根本跳不起来', '有重力或能跳，但手感不对：发飘、空中能无限连跳、会掉穿地面', '下落自然，一按就跳，落在该落的地方'] } },
  collisions: { feature: { en: 'things bump into each other and react', zh: '物体之间会碰撞并作出反应' }, check: { en: 'Collisions are detected and handled', zh: '碰撞被检测并处理' }, anchors: { en: ['Things pass through each other with no reaction', 'Some collisions work; others are missed or have the wrong effect', 'Every collision that matters is caught and has the right effect'], zh: ['物体互相穿过去，什么反应都没有', '有的碰撞有效，有的漏判或效果不对', '该碰上的都能碰上，效果也对'] } },
  scoring: { feature: { en: 'a score that goes up as you play', zh: '玩的过程中分数会增加' }, check: { en: 'A score is shown and changes with play', zh: '显示分数且随游戏变化' }, anchors: { en: ['No score on screen', 'A score is shown but never changes, or changes at the wrong moments', 'The score is shown and goes up for the right actions'], zh: ['屏幕上没有分数', '有分数，但一直不变，或者不该加分的时候乱加', '分数看得清，做对了就加分'] } },
  lives: { feature: { en: 'a few lives, and losing them all ends the run', zh: '有几条命，命用完游戏结束' }, check: { en: 'Lives are shown and losing them ends the game', zh: '显示生命，用完后结束' }, anchors: { en: ['No lives', 'Lives are shown, but losing one does nothing or the game never ends', 'Lives are shown, drop on a hit, and the game ends at zero'], zh: ['没有生命值', '显示了生命，但掉命没影响，或者命用完了游戏也不结束', '显示生命，受伤就少一条，用完游戏结束'] } },
  timers: { feature: { en: 'a clock that counts down', zh: '一个倒计时' }, check: { en: 'A timer runs and matters to the game', zh: '计时器在运行并影响游戏' }, anchors: { en: ['No timer', 'A timer is shown but does not count, or has no effect on play', 'The timer counts and running out matters (the round ends, the pace changes)'], zh: ['没有计时', '显示了时间，但不走，或者对游戏没有任何影响', '时间正常走，时间到了有后果（本局结束、节奏变化等）'] } },
  tweens: { feature: { en: 'smooth animated transitions', zh: '平滑的过渡动画' }, check: { en: 'Objects animate smoothly (tweens)', zh: '物体有平滑动画（补间）' }, anchors: { en: ['Everything snaps from place to place', 'Some changes are animated, but they stutter or most still snap', 'Moves, fades and size changes are smooth'], zh: ['所有东西都是一下子跳到位的', '有一点动画，但一卡一卡的，或者大部分变化还是直接切过去', '移动、淡入淡出、放大缩小都很顺滑'] } },
  particles: { feature: { en: 'little particle bursts for effects', zh: '粒子爆发特效' }, check: { en: 'Particle effects appear at the right moments', zh: '在恰当时机出现粒子特效' }, anchors: { en: ['No particle effects', 'Particles appear, but at the wrong moment or barely visible', 'Bursts appear where and when they should (hits, pick-ups, explosions)'], zh: ['没有粒子特效', '有粒子，但出现的时机不对，或者小得几乎看不见', '在击中、拾取、爆炸这些时刻恰好出现'] } },
  camera_follow: { feature: { en: 'a world bigger than the screen with the camera following the player', zh: '比屏幕大的世界，镜头跟随玩家' }, check: { en: 'The camera follows the player through a larger world', zh: '镜头跟随玩家移动' }, anchors: { en: ['The camera never moves', 'The camera moves but loses the player or shows empty space outside the world', 'The world is larger than the screen and the camera keeps the player in view'], zh: ['镜头一直不动', '镜头会动，但会跟丢玩家，或者拍到世界外面的空白', '世界比屏幕大，镜头始终跟着玩家'] } },
  tilemap_array: { feature: { en: 'a level laid out from a 2D array of tiles', zh: '用二维数组摆出关卡地块' }, check: { en: 'The level is built from an array of tiles', zh: '关卡由数组地块构成' }, anchors: { en: ['No tile-based level', 'Tiles are drawn but do not act as walls or floors, or the layout is broken', 'The level is laid out in tiles and the tiles behave as walls, floors and paths'], zh: ['没有用地块搭的关卡', '画出了地块，但不起墙或地面的作用，或者布局是乱的', '关卡由地块拼成，墙、地面、通路都起作用'] } },
  pointer_drag: { feature: { en: 'dragging things with the mouse or finger', zh: '用鼠标或手指拖动物体' }, check: { en: 'Dragging with the pointer works', zh: '可以用指针拖动' }, anchors: { en: ['Nothing can be dragged', 'Dragging works, but things jump, stick or land in the wrong place', 'Things follow the pointer and stay where they are released'], zh: ['什么都拖不动', '能拖，但东西会乱跳、卡住或者放错位置', '东西跟着手走，松手就停在该停的地方'] } },
  pointer_click: { feature: { en: 'clicking or tapping to act', zh: '点击或轻触来操作' }, check: { en: 'Clicks or taps do something visible', zh: '点击有可见效果' }, anchors: { en: ['Clicks and taps do nothing', 'Clicks work only sometimes, or hit the wrong thing', 'Every click or tap has a clear, immediate effect'], zh: ['点了没反应', '有时有效，或者点中的不是想点的东西', '每次点击都马上有明确的反馈'] } },
  keyboard: { feature: { en: 'keyboard controls', zh: '键盘操作' }, check: { en: 'Keyboard controls move or act', zh: '键盘可以控制' }, anchors: { en: ['The keys do nothing', 'Some keys work, or the response lags or sticks', 'The keys act at once, as one would expect'], zh: ['按键没反应', '部分按键有效，或者反应慢、松手后还在动', '按下就生效，和预想的一样'] } },
  ui_text: { feature: { en: 'on-screen text that tells the player what is going on', zh: '屏幕上有文字提示当前状态' }, check: { en: 'On-screen text explains state and goal', zh: '屏幕文字说明状态和目标' }, anchors: { en: ['No text on screen', 'There is text, but it is unreadable, out of date or says nothing useful', 'Text tells the player what is going on and what to do'], zh: ['屏幕上没有文字', '有文字，但看不清、不更新，或者说不明白', '文字清楚交代现在的状态和该做什么'] } },
  levels_scenes: { feature: { en: 'a start screen, the game, and a game-over screen', zh: '开始画面、游戏本体和结束画面' }, check: { en: 'Separate scenes or levels and a way between them', zh: '有多个场景或关卡并能切换' }, anchors: { en: ['Only one screen', 'Several screens or levels exist, but moving between them fails or is a dead end', 'Start, play and end (or the levels) follow one another, and one can play again'], zh: ['只有一个画面', '有好几个画面或关卡，但切换不过去，或者切过去就卡死', '开始、游戏、结束（或各个关卡）顺利衔接，还能再玩一局'] } },
  state_machine: { feature: { en: 'characters that switch between clear behaviours', zh: '角色会在几种明确的行为状态之间切换' }, check: { en: 'Entities switch between distinct states', zh: '实体在不同状态之间切换' }, anchors: { en: ['Characters behave the same all the time', 'Different behaviours exist but switch at the wrong time or get stuck', 'Characters switch between clear behaviours at the right moments'], zh: ['角色从头到尾一个样', '有几种行为，但切换时机不对，或者卡在某一种里出不来', '角色在该变的时候切换到明显不同的行为'] } },
  procedural: { feature: { en: 'layouts that are different every time', zh: '每次布局都不一样' }, check: { en: 'Content is generated randomly each run', zh: '内容每局随机生成' }, anchors: { en: ['The same layout every time', 'Something varies, but barely, or some layouts cannot be played', 'Every run is different and every run can be played'], zh: ['每次布局一模一样', '有变化，但很小，或者有时生成出没法玩的局面', '每局都不一样，而且每局都能玩'] } },
  spawning: { feature: { en: 'new things keep appearing over time', zh: '新的物体会不断出现' }, check: { en: 'Objects spawn over time', zh: '物体随时间生成' }, anchors: { en: ['Nothing new appears', 'Things appear, but far too many, too few, or in impossible places', 'New things keep appearing at a sensible pace and place'], zh: ['不会冒出新东西', '会冒出来，但太多、太少，或者出现在不合理的地方', '新东西按合适的节奏、在合理的位置不断出现'] } },
  projectiles: { feature: { en: 'shooting projectiles', zh: '发射子弹或飞行物' }, check: { en: 'Projectiles are fired and hit things', zh: '可以发射并命中目标' }, anchors: { en: ['Nothing can be fired', 'Shots are fired but pass through targets or never go away', 'Shots fly, hit their targets and disappear'], zh: ['发射不了', '能发射，但打不中目标，或者子弹永远不消失', '子弹飞出去，打中目标后消失'] } },
  enemy_ai: { feature: { en: 'opponents that move on their own and chase you', zh: '会自己移动并追赶你的对手' }, check: { en: 'Enemies move by themselves with some intent', zh: '敌人自主移动且有目的' }, anchors: { en: ['Enemies are missing or stand still', 'Enemies move, but aimlessly or they get stuck', 'Enemies move on their own with a purpose (chase, patrol, aim)'], zh: ['没有敌人，或者敌人站着不动', '敌人会动，但没有目的地乱走，或者卡住', '敌人自己行动而且有目的（追人、巡逻、瞄准）'] } },
  powerups: { feature: { en: 'pick-ups that give a temporary bonus', zh: '能拾取的临时增益道具' }, check: { en: 'Power-ups can be collected and have an effect', zh: '道具可拾取且生效' }, anchors: { en: ['No power-ups', 'Power-ups appear, but picking one up does nothing visible, or the bonus never ends', 'Picking one up gives a visible bonus that wears off as described'], zh: ['没有道具', '有道具，但吃了看不出效果，或者效果永远不消失', '吃到后有明显增益，并且按说的那样到时失效'] } },
  grid_logic: { feature: { en: 'a board of cells with its own rules', zh: '有规则的格子棋盘' }, check: { en: 'A grid/board with working rules', zh: '网格/棋盘规则正确' }, anchors: { en: ['No board or grid', 'A board is drawn but its rules are wrong or missing', 'The board and its rules work (moves, matches, wins as the game should have them)'], zh: ['没有棋盘或网格', '画了网格，但规则不对或者不完整', '网格和规则都对（移动、消除、输赢都符合这种玩法）'] } },
  pause_menu: { feature: { en: 'a pause key', zh: '可以暂停' }, check: { en: 'The game can be paused and resumed', zh: '可以暂停和继续' }, anchors: { en: ['The game cannot be paused', 'It pauses but cannot resume, or keeps running underneath', 'It pauses and resumes cleanly'], zh: ['不能暂停', '能暂停但继续不了，或者暂停时游戏其实还在跑', '能正常暂停，也能正常继续'] } },
};

/** The feature phrase of a mechanic (a readable fallback for tags not listed here). */
export function mechanicFeature(id: string, lang: Lang): string {
  return MECHANIC_TEXT[id]?.feature[lang] ?? id.replace(/_/g, ' ');
}

/** The reviewer's check for a mechanic. */
export function mechanicCheck(id: string, lang: Lang): string {
  return MECHANIC_TEXT[id]?.check[lang] ?? (lang === 'zh' ? `实现了「${id}」` : `Implements ${id.replace(/_/g, ' ')}`);
}

/** The 0/1/2 anchors of a mechanic's check (a generic set for tags not listed here). */
export function mechanicAnchors(id: string, lang: Lang): Anchors {
  const listed = MECHANIC_TEXT[id]?.anchors[lang];
  if (listed) return listed;
  return lang === 'zh' ? ['完全没有', '有，但不完整或有毛病', '做到了，效果正确'] : ['Missing', 'There, but partial or broken', 'Works as asked'];
}

/** Whether the mechanic has a phrase of its own (generated prompts only use these). */
export function hasMechanicText(id: string): boolean {
  return id in MECHANIC_TEXT;
}
