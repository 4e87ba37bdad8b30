// The fixed taxonomy every seed is tagged with: genres, mechanics and difficulty. The
// keyword lists drive inference for user seeds that come without tags (English keywords match
// whole words, with plural/verb endings; Chinese ones as substrings); the generator's
// phrasing lives in ./grammar/.
import type { Difficulty } from '../schemas/index.js';

export interface GenreInfo {
  id: string;
  /** Mechanics every game of the genre has, tagged even when the prompt does not spell them out. */
  core: readonly string[];
  /** Mechanics that fit the genre, from which the generator picks extras. */
  fits: readonly string[];
  /** Lower-case English keywords (word starts) and Chinese substrings that name the genre. */
  keywords: { en: readonly string[]; zh: readonly string[] };
}

export const GENRES: readonly GenreInfo[] = [
  { id: 'platformer', core: ['gravity_jump', 'collisions', 'keyboard'], fits: ['scoring', 'lives', 'camera_follow', 'tilemap_array', 'levels_scenes', 'enemy_ai', 'powerups', 'particles', 'tweens', 'timers', 'state_machine', 'ui_text', 'pause_menu'], keywords: { en: ['platformer', 'platform game', 'platforms', 'mario', 'jump game', 'metroidvania'], zh: ['平台跳跃', '平台', '马里奥', '横版', '跳跃游戏'] } },
  { id: 'top_down_shooter', core: ['keyboard', 'projectiles', 'collisions'], fits: ['pointer_click', 'enemy_ai', 'spawning', 'lives', 'scoring', 'particles', 'camera_follow', 'powerups', 'ui_text', 'levels_scenes', 'state_machine', 'timers', 'tilemap_array'], keywords: { en: ['top-down shooter', 'top down shooter', 'twin-stick', 'twin stick', 'shooter', 'arena shooter', 'zombie', 'tank', 'turret', 'survivors'], zh: ['俯视角射击', '射击', '双摇杆', '僵尸', '坦克', '幸存者', '枪战'] } },
  { id: 'space_shooter', core: ['keyboard', 'projectiles', 'collisions', 'spawning'], fits: ['lives', 'scoring', 'particles', 'powerups', 'enemy_ai', 'levels_scenes', 'tweens', 'ui_text', 'timers', 'state_machine', 'procedural'], keywords: { en: ['space shooter', 'spaceship', 'shmup', 'invaders', 'asteroids', 'galaga', 'space ship', 'bullet hell', 'meteor'], zh: ['飞机大战', '打飞机', '飞船', '太空射击', '太空', '小行星', '雷电', '弹幕', '陨石', '敌机', '卷轴射击', '飞机'] } },
  { id: 'breakout', core: ['collisions', 'scoring'], fits: ['keyboard', 'pointer_drag', 'lives', 'powerups', 'particles', 'tweens', 'levels_scenes', 'tilemap_array', 'ui_text', 'timers', 'pause_menu'], keywords: { en: ['breakout', 'brick breaker', 'bricks', 'arkanoid'], zh: ['打砖块', '砖块', '弹球'] } },
  { id: 'snake', core: ['keyboard', 'grid_logic', 'collisions', 'scoring'], fits: ['timers', 'procedural', 'levels_scenes', 'tweens', 'particles', 'ui_text', 'powerups', 'pause_menu', 'tilemap_array', 'lives'], keywords: { en: ['snake', 'snek'], zh: ['贪吃蛇', '贪食蛇', '蛇'] } },
  { id: 'endless_runner', core: ['gravity_jump', 'procedural', 'collisions'], fits: ['keyboard', 'pointer_click', 'scoring', 'spawning', 'particles', 'powerups', 'tweens', 'ui_text', 'lives', 'camera_follow', 'state_machine'], keywords: { en: ['endless runner', 'runner', 'endless run', 'endless', 'dino', 'subway'], zh: ['跑酷', '无尽跑', '小恐龙', '恐龙'] } },
  { id: 'flappy', core: ['gravity_jump', 'collisions', 'procedural'], fits: ['pointer_click', 'keyboard', 'scoring', 'particles', 'tweens', 'ui_text', 'state_machine', 'timers', 'powerups', 'lives'], keywords: { en: ['flappy', 'flap', 'through pipes', 'through the pipes'], zh: ['像素鸟', 'flappy', '管道', '水管', '扑腾'] } },
  { id: 'match3', core: ['grid_logic', 'pointer_click', 'scoring'], fits: ['pointer_drag', 'tweens', 'particles', 'timers', 'levels_scenes', 'ui_text', 'procedural', 'state_machine'], keywords: { en: ['match-3', 'match 3', 'match three', 'three in a row', 'bejeweled', 'candy crush'], zh: ['消消乐', '三消', '消除'] } },
  { id: 'tower_defense', core: ['pointer_click', 'spawning', 'enemy_ai', 'projectiles'], fits: ['tilemap_array', 'lives', 'scoring', 'timers', 'ui_text', 'levels_scenes', 'tweens', 'particles', 'state_machine', 'powerups', 'pointer_drag', 'grid_logic'], keywords: { en: ['tower defense', 'tower defence', 'tower', 'td'], zh: ['塔防', '防御塔', '炮塔'] } },
  { id: 'maze', core: ['keyboard', 'collisions', 'tilemap_array'], fits: ['procedural', 'timers', 'camera_follow', 'enemy_ai', 'levels_scenes', 'scoring', 'ui_text', 'tweens', 'lives', 'grid_logic', 'state_machine'], keywords: { en: ['maze', 'labyrinth', 'pac-man', 'pacman', 'dungeon'], zh: ['迷宫', '吃豆人', '地牢'] } },
  { id: 'racing', core: ['keyboard', 'collisions', 'camera_follow'], fits: ['timers', 'scoring', 'procedural', 'spawning', 'particles', 'lives', 'ui_text', 'levels_scenes', 'tweens', 'powerups', 'enemy_ai', 'tilemap_array'], keywords: { en: ['racing', 'race', 'racer', 'car', 'kart', 'drift', 'traffic', 'bike', 'lap'], zh: ['赛车', '竞速', '汽车', '卡丁车', '开车', '漂移', '骑车', '赛道', '躲车'] } },
  { id: 'puzzle', core: ['grid_logic', 'ui_text'], fits: ['keyboard', 'pointer_click', 'pointer_drag', 'tweens', 'levels_scenes', 'timers', 'scoring', 'tilemap_array', 'state_machine', 'procedural'], keywords: { en: ['puzzle', 'sokoban', '2048', 'sliding puzzle', 'sliding tile', 'jigsaw', 'tetris', 'lights out', 'minesweeper', 'sudoku', 'tic tac toe', 'connect four'], zh: ['解谜', '推箱子', '拼图', '华容道', '2048', '俄罗斯方块', '扫雷', '数独', '益智', '接水管', '点灯', '井字棋', '四子棋', '五子棋', '连连看'] } },
  { id: 'clicker', core: ['pointer_click', 'scoring', 'ui_text'], fits: ['timers', 'tweens', 'particles', 'powerups', 'state_machine', 'levels_scenes', 'spawning'], keywords: { en: ['clicker', 'idle game', 'idle', 'incremental', 'cookie', 'whack', 'tap game', 'clicks'], zh: ['点击游戏', '点击类', '疯狂点击', '放置', '挂机', '打地鼠', '点饼干', '手速', '戳气球'] } },
  { id: 'sports', core: ['collisions', 'scoring'], fits: ['keyboard', 'pointer_drag', 'pointer_click', 'enemy_ai', 'timers', 'ui_text', 'tweens', 'particles', 'state_machine', 'levels_scenes', 'gravity_jump'], keywords: { en: ['pong', 'soccer', 'football', 'basketball', 'tennis', 'golf', 'ping pong', 'hockey', 'bowling', 'volleyball', 'penalty', 'billiards', 'pool'], zh: ['乒乓', '足球', '篮球', '网球', '高尔夫', '台球', '冰球', '保龄球', '排球', '点球', '投篮', '射门'] } },
  { id: 'rhythm', core: ['keyboard', 'timers', 'scoring'], fits: ['pointer_click', 'tweens', 'particles', 'ui_text', 'levels_scenes', 'state_machine', 'procedural', 'lives'], keywords: { en: ['rhythm', 'beats', 'on the beat', 'to the beat', 'guitar hero', 'dance', 'notes', 'music game', 'osu', 'metronome'], zh: ['节奏', '音游', '音符', '鼓点', '跳舞', '音乐游戏', '节拍', '点圈'] } },
  { id: 'memory', core: ['pointer_click', 'grid_logic', 'tweens'], fits: ['timers', 'scoring', 'ui_text', 'levels_scenes', 'state_machine', 'procedural', 'particles', 'lives'], keywords: { en: ['memory', 'card flip', 'flip cards', 'card', 'matching pairs', 'pairs', 'concentration', 'simon'], zh: ['记忆', '翻牌', '配对', '翻卡', '西蒙'] } },
];

/** The genre of seeds whose prompt names none of the taxonomy's genres. */
export const FALLBACK_GENRE = 'arcade';

export interface MechanicInfo {
  id: string;
  keywords: { en: readonly string[]; zh: readonly string[] };
}

export const MECHANICS: readonly MechanicInfo[] = [
  { id: 'gravity_jump', keywords: { en: ['jump', 'gravity', 'double jump', 'flap', 'hop'], zh: ['跳', '重力', '二段跳', '扑腾'] } },
  { id: 'collisions', keywords: { en: ['collide', 'collision', 'crash', 'bounce', 'hit', 'overlap', 'touch', 'bouncing'], zh: ['碰撞', '撞', '反弹', '碰到', '接触'] } },
  { id: 'scoring', keywords: { en: ['score', 'points', 'high score', 'highscore', 'coins'], zh: ['分数', '得分', '积分', '计分', '最高分', '金币'] } },
  { id: 'lives', keywords: { en: ['lives', 'life', 'hearts', 'health', 'hp', 'hit points'], zh: ['生命', '血量', '条命', '血条', '红心'] } },
  { id: 'timers', keywords: { en: ['timer', 'countdown', 'seconds', 'time limit', 'clock', 'stopwatch'], zh: ['计时', '倒计时', '秒', '限时', '时间'] } },
  { id: 'tweens', keywords: { en: ['tween', 'animate', 'animation', 'smooth', 'ease', 'easing', 'flip'], zh: ['缓动', '动画', '平滑', '翻转'] } },
  { id: 'particles', keywords: { en: ['particle', 'explosion', 'explode', 'sparks', 'confetti', 'trail', 'debris'], zh: ['粒子', '爆炸', '特效', '火花', '彩纸', '拖尾'] } },
  { id: 'camera_follow', keywords: { en: ['camera', 'scrolling', 'follows the player', 'side-scroll', 'large world', 'big world'], zh: ['镜头', '相机', '摄像机', '卷轴', '跟随', '大地图'] } },
  { id: 'tilemap_array', keywords: { en: ['tilemap', 'tile map', 'tiles', '2d array', 'array of', 'grid map', 'level layout'], zh: ['瓦片', '地图数组', '二维数组', '数组', '地块'] } },
  { id: 'pointer_drag', keywords: { en: ['drag', 'swipe', 'slingshot', 'pull back'], zh: ['拖', '滑动', '弹弓'] } },
  { id: 'pointer_click', keywords: { en: ['click', 'tap', 'mouse', 'touch screen', 'touchscreen', 'pointer'], zh: ['点击', '鼠标', '触屏', '点一下', '单击'] } },
  { id: 'keyboard', keywords: { en: ['arrow key', 'wasd', 'spacebar', 'space bar', 'press space', 'space to', 'keyboard', 'key'], zh: ['方向键', '键盘', '空格', 'wasd', '按键', '上下左右'] } },
  { id: 'ui_text', keywords: { en: ['hud', 'ui', 'show the', 'shows the', 'display', 'text', 'menu', 'label'], zh: ['显示', '界面', '文字', '菜单', '提示'] } },
  { id: 'levels_scenes', keywords: { en: ['level', 'stages', 'scene', 'title screen', 'game over screen', 'start screen', 'menu screen'], zh: ['关卡', '场景', '标题', '结束画面', '开始界面', '第二关', '下一关'] } },
  { id: 'state_machine', keywords: { en: ['state machine', 'state', 'phase', 'patrol and chase', 'mode'], zh: ['状态机', '状态', '阶段', '模式'] } },
  { id: 'procedural', keywords: { en: ['random', 'procedural', 'generated', 'endless', 'infinite', 'shuffle'], zh: ['随机', '程序生成', '自动生成', '无限', '无尽', '打乱'] } },
  { id: 'spawning', keywords: { en: ['spawn', 'waves', 'wave', 'appear', 'falling', 'keep coming'], zh: ['刷出', '一波', '波次', '出现', '掉落', '生成'] } },
  { id: 'projectiles', keywords: { en: ['shoot', 'bullet', 'fire', 'laser', 'missile', 'projectile', 'arrows at'], zh: ['射击', '子弹', '发射', '开火', '激光', '导弹', '炮弹'] } },
  { id: 'enemy_ai', keywords: { en: ['enemy', 'enemies', 'chase', 'patrol', 'ai', 'opponent', 'boss', 'monster', 'ghost'], zh: ['敌人', '追', '巡逻', '怪', '对手', 'boss', '电脑'] } },
  { id: 'powerups', keywords: { en: ['power-up', 'powerup', 'power up', 'boost', 'shield', 'upgrade', 'bonus'], zh: ['道具', '加速', '强化', '护盾', '升级', '奖励'] } },
  { id: 'grid_logic', keywords: { en: ['grid', 'board', 'cells', 'swap', 'cell'], zh: ['网格', '格子', '棋盘', '交换', '方格'] } },
  { id: 'pause_menu', keywords: { en: ['pause'], zh: ['暂停'] } },
];

export const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];

/** Words that mark a request's size, checked before the mechanics count decides. */
export const DIFFICULTY_KEYWORDS: Record<'easy' | 'hard', { en: readonly string[]; zh: readonly string[] }> = {
  easy: { en: ['simple', 'easy', 'basic', 'minimal', 'tiny', 'small', 'quick', 'beginner'], zh: ['简单', '入门', '基础', '小游戏', '最简', '新手'] },
  hard: { en: ['complex', 'advanced', 'full', 'multiple levels', 'several levels', 'boss', 'complete', 'polished', 'state machine'], zh: ['复杂', '完整', '多关', '困难', '高级', 'boss', '状态机', '多个关卡'] },
};

export const GENRE_IDS: readonly string[] = GENRES.map((g) => g.id);
export const MECHANIC_IDS: readonly string[] = MECHANICS.map((m) => m.id);

const genreById = new Map(GENRES.map((g) => [g.id, g]));

/** The taxonomy entry of a genre id, if it is one of ours. */
export function genreInfo(id: string): GenreInfo | undefined {
  return genreById.get(id);
}
