// Phrasing material for the seed generator, in English and Chinese. A generated prompt is a
// subject of its genre + optional theme + the mechanics it asks for + a size remark, put
// together by one of several sentence shapes (./generate.ts). Tags follow what the text says.

/** What a game is about, in both languages, and the mechanics the words themselves imply. */
export interface Subject {
  en: string;
  zh: string;
  tags?: readonly string[];
}

export const SUBJECTS: Record<string, readonly Subject[]> = {
  platformer: [
    { en: 'platformer where a fox hops across floating islands collecting gems', zh: '狐狸在浮空岛之间跳跃、收集宝石的平台游戏', tags: ['scoring'] },
    { en: 'side-scrolling platformer about a robot escaping a factory', zh: '机器人逃出工厂的横版平台游戏', tags: ['camera_follow'] },
    { en: 'platformer with a knight who stomps on slimes', zh: '骑士踩史莱姆的平台跳跃游戏', tags: ['enemy_ai'] },
    { en: 'one-screen platformer where you climb to the top of a tower', zh: '一屏内往塔顶爬的平台跳跃小游戏' },
    { en: 'platformer where a cat collects fish on moving platforms', zh: '小猫在移动平台上收集小鱼的平台游戏', tags: ['scoring', 'tweens'] },
    { en: 'ninja platformer with wall jumps and spikes', zh: '有蹬墙跳和尖刺陷阱的忍者平台游戏' },
  ],
  top_down_shooter: [
    { en: 'top-down shooter where you survive zombie hordes', zh: '俯视角打僵尸的生存射击游戏', tags: ['enemy_ai', 'spawning'] },
    { en: 'twin-stick style arena shooter aimed with the mouse', zh: '用鼠标瞄准的俯视角竞技场射击游戏', tags: ['pointer_click'] },
    { en: 'top-down tank battle on a small map', zh: '小地图上的俯视角坦克对战游戏', tags: ['enemy_ai'] },
    { en: 'top-down shooter where a wizard fires spells at bats', zh: '法师向蝙蝠发射魔法的俯视角射击游戏', tags: ['enemy_ai'] },
    { en: 'top-down cowboy shootout against bandits', zh: '牛仔对抗强盗的俯视角枪战游戏', tags: ['enemy_ai'] },
    { en: 'top-down shooter in a dungeon full of skeletons', zh: '地牢里打骷髅的俯视角射击游戏', tags: ['enemy_ai'] },
  ],
  space_shooter: [
    { en: 'vertical space shooter where a ship blasts waves of aliens', zh: '飞船打一波波外星人的竖版飞机大战', tags: ['enemy_ai'] },
    { en: 'asteroids-style game where you split rocks by shooting them', zh: '射击小行星让它分裂的太空游戏' },
    { en: 'space invaders clone with marching rows of aliens', zh: '外星人成排移动的太空侵略者复刻版', tags: ['enemy_ai'] },
    { en: 'horizontal space shooter through an asteroid belt', zh: '穿越小行星带的横版太空射击游戏' },
    { en: 'bullet-hell space shooter with a big boss ship', zh: '有大型Boss战舰的弹幕飞机游戏', tags: ['enemy_ai', 'state_machine'] },
    { en: 'space shooter where you defend a planet from meteors', zh: '保卫星球、击落陨石的太空射击游戏' },
  ],
  breakout: [
    { en: 'breakout game with a paddle, a ball and rows of colored bricks', zh: '有挡板、小球和彩色砖块的打砖块游戏' },
    { en: 'brick breaker where some bricks need two hits', zh: '部分砖块要打两次才碎的打砖块游戏' },
    { en: 'arkanoid-like game with falling power-ups', zh: '会掉落道具的类Arkanoid打砖块游戏', tags: ['powerups'] },
    { en: 'breakout where the bricks slowly move down', zh: '砖块会慢慢往下压的打砖块游戏', tags: ['timers'] },
    { en: 'breakout with a candy theme and bouncy ball physics', zh: '糖果主题、小球弹来弹去的打砖块游戏' },
    { en: 'breakout game where the paddle follows the mouse', zh: '挡板跟着鼠标移动的打砖块游戏', tags: ['pointer_drag'] },
  ],
  snake: [
    { en: 'classic snake game on a grid', zh: '经典的网格贪吃蛇' },
    { en: 'snake game where the snake speeds up as it grows', zh: '蛇越长速度越快的贪吃蛇', tags: ['timers'] },
    { en: 'snake with walls inside the arena', zh: '场地里有墙壁障碍的贪吃蛇', tags: ['tilemap_array'] },
    { en: 'snake where golden apples appear for a few seconds', zh: '金苹果只出现几秒钟的贪吃蛇', tags: ['timers', 'powerups'] },
    { en: 'snake game that wraps around the screen edges', zh: '从屏幕一边穿到另一边的贪吃蛇' },
    { en: 'two-color snake where you must eat only matching food', zh: '只能吃同色食物的双色贪吃蛇' },
  ],
  endless_runner: [
    { en: 'endless runner where a dinosaur jumps over cacti', zh: '小恐龙跳过仙人掌的无尽跑酷', tags: ['spawning'] },
    { en: 'endless runner on rooftops with gaps to jump', zh: '在屋顶之间跳跃的无尽跑酷游戏' },
    { en: 'endless runner where a penguin slides on ice and dodges seals', zh: '企鹅在冰面滑行躲海豹的无尽跑酷', tags: ['spawning'] },
    { en: 'endless runner in a cave that gets faster over time', zh: '越跑越快的洞穴无尽跑酷', tags: ['timers'] },
    { en: 'endless runner where you switch between three lanes', zh: '在三条跑道之间切换的无尽跑酷' },
    { en: 'endless runner with coins floating in the air', zh: '空中飘着金币的无尽跑酷', tags: ['scoring'] },
  ],
  flappy: [
    { en: 'flappy bird style game through gaps in pipes', zh: '穿过水管缝隙的像素鸟游戏' },
    { en: 'flappy-style game with a bee dodging branches', zh: '小蜜蜂躲树枝的flappy类游戏' },
    { en: 'flappy game where the gaps get narrower over time', zh: '缝隙越来越窄的flappy游戏', tags: ['timers'] },
    { en: 'flappy-like game with a submarine going through coral', zh: '潜水艇穿过珊瑚的类flappy游戏' },
    { en: 'one-button flap game where a dragon flies through castle towers', zh: '小龙一键扑腾飞过城堡塔楼的游戏' },
    { en: 'flappy game where the pipes also move up and down', zh: '管道还会上下移动的flappy游戏', tags: ['tweens'] },
  ],
  match3: [
    { en: 'match-3 game with gems on an 8x8 board', zh: '8x8棋盘的宝石消消乐' },
    { en: 'match-3 with fruits where new pieces fall from the top', zh: '水果从上方掉落补位的三消游戏', tags: ['tweens'] },
    { en: 'match-3 puzzle with a limited number of moves', zh: '步数有限的三消游戏' },
    { en: 'candy match-3 where matching four makes a striped candy', zh: '四连消出条纹糖的糖果消消乐', tags: ['powerups'] },
    { en: 'match-3 with cute animal tiles', zh: '萌宠方块的消消乐' },
    { en: 'match-3 game where cascades give combo multipliers', zh: '连锁消除有连击倍数的三消游戏' },
  ],
  tower_defense: [
    { en: 'tower defense game where enemies walk along a fixed path', zh: '敌人沿固定路线前进的塔防游戏', tags: ['tilemap_array'] },
    { en: 'tower defense with three tower types and upgrades', zh: '有三种塔并能升级的塔防游戏', tags: ['powerups'] },
    { en: 'tower defense where you place cannons on a grid', zh: '在网格上放炮台的塔防游戏', tags: ['grid_logic'] },
    { en: 'small tower defense defending a castle from goblins', zh: '保卫城堡抵抗哥布林的小型塔防' },
    { en: 'tower defense with gold earned per kill', zh: '击杀敌人获得金币的塔防游戏', tags: ['scoring'] },
    { en: 'tower defense with flying and ground enemies', zh: '有飞行和地面两种敌人的塔防游戏' },
  ],
  maze: [
    { en: 'maze game where you find the exit before time runs out', zh: '限时找出口的迷宫游戏', tags: ['timers'] },
    { en: 'pac-man style maze with dots and ghosts', zh: '有豆子和幽灵的吃豆人式迷宫', tags: ['enemy_ai', 'scoring'] },
    { en: 'maze where you collect keys to open doors', zh: '收集钥匙开门的迷宫游戏' },
    { en: 'dark maze where you only see around the player', zh: '只能看见角色周围的黑暗迷宫' },
    { en: 'maze built from a 2D array with a mouse looking for cheese', zh: '用二维数组搭建、老鼠找奶酪的迷宫' },
    { en: 'ice maze where the player slides until hitting a wall', zh: '角色一直滑到撞墙才停的冰面迷宫', tags: ['grid_logic'] },
  ],
  racing: [
    { en: 'top-down racing game on an oval track', zh: '椭圆赛道的俯视角赛车游戏' },
    { en: 'racing game where you dodge traffic on a highway', zh: '在高速公路上躲避车流的赛车游戏', tags: ['spawning'] },
    { en: 'kart race against three AI cars', zh: '和三辆电脑车比赛的卡丁车游戏', tags: ['enemy_ai'] },
    { en: 'drift racing game with a lap timer', zh: '有圈速计时的漂移赛车游戏', tags: ['timers'] },
    { en: 'bike race down a mountain road', zh: '山路下坡的自行车竞速游戏' },
    { en: 'boat racing game through buoys', zh: '穿过浮标的赛艇竞速游戏' },
  ],
  puzzle: [
    { en: 'sokoban puzzle where you push crates onto targets', zh: '把箱子推到目标点的推箱子游戏', tags: ['keyboard', 'tilemap_array'] },
    { en: '2048 game with sliding number tiles', zh: '滑动合并数字的2048游戏', tags: ['keyboard', 'tweens'] },
    { en: 'sliding tile puzzle with 15 numbered tiles', zh: '15个数字方块的滑块拼图', tags: ['pointer_click'] },
    { en: 'lights out puzzle on a 5x5 grid', zh: '5x5网格的点灯解谜游戏', tags: ['pointer_click'] },
    { en: 'minesweeper clone with flags', zh: '可以插旗的扫雷游戏', tags: ['pointer_click', 'procedural'] },
    { en: 'pipe-connecting puzzle where you rotate tiles', zh: '旋转方块连通水管的解谜游戏', tags: ['pointer_click', 'tweens'] },
  ],
  clicker: [
    { en: 'cookie clicker style idle game', zh: '点饼干式的放置点击游戏', tags: ['timers'] },
    { en: 'clicker game where you tap a slime to earn gold and buy upgrades', zh: '点史莱姆赚金币、买升级的点击游戏', tags: ['powerups'] },
    { en: 'whack-a-mole game', zh: '打地鼠游戏', tags: ['spawning', 'timers'] },
    { en: 'clicker where you mine rocks for gems', zh: '点击挖矿拿宝石的点击游戏' },
    { en: 'idle farm clicker where crops grow over time', zh: '庄稼随时间生长的放置农场游戏', tags: ['timers'] },
    { en: 'tap game where you pop balloons before they float away', zh: '在气球飘走前点破它们的点击游戏', tags: ['spawning'] },
  ],
  sports: [
    { en: 'pong game against a computer paddle', zh: '和电脑对打的乒乓球（Pong）游戏', tags: ['enemy_ai', 'keyboard'] },
    { en: 'penalty kick soccer game', zh: '足球点球大战游戏', tags: ['pointer_click'] },
    { en: 'basketball shooting game where you drag to throw', zh: '拖动投篮的篮球游戏', tags: ['pointer_drag', 'gravity_jump'] },
    { en: 'mini golf game with a few holes', zh: '有几个洞的迷你高尔夫', tags: ['pointer_drag', 'levels_scenes'] },
    { en: 'air hockey game for one player versus AI', zh: '单人对战电脑的桌上冰球', tags: ['enemy_ai', 'pointer_drag'] },
    { en: 'tennis game seen from the side', zh: '侧视角的网球游戏', tags: ['keyboard', 'gravity_jump'] },
  ],
  rhythm: [
    { en: 'rhythm game with notes falling into four lanes', zh: '音符落入四条轨道的节奏游戏' },
    { en: 'rhythm game where you press space on the beat', zh: '踩着节拍按空格的节奏游戏' },
    { en: 'drum rhythm game with perfect/good/miss judgements', zh: '有完美/不错/失误判定的打鼓音游', tags: ['ui_text'] },
    { en: 'rhythm game where arrows scroll up like a dance game', zh: '箭头向上滚动的跳舞机式节奏游戏' },
    { en: 'one-key rhythm game with a combo counter', zh: '单键操作、有连击计数的节奏游戏', tags: ['ui_text'] },
    { en: 'rhythm game where circles shrink and you click on time', zh: '圆圈收缩时按时点击的节奏游戏', tags: ['pointer_click', 'tweens'] },
  ],
  memory: [
    { en: 'memory card flip game with pairs of symbols', zh: '翻牌找相同图案的记忆配对游戏' },
    { en: 'memory game with a 4x4 grid of cards', zh: '4x4卡牌的记忆翻牌游戏' },
    { en: 'simon-says memory game with four colored buttons', zh: '四个彩色按钮的西蒙记忆游戏', tags: ['state_machine'] },
    { en: 'memory game where the cards shuffle between rounds', zh: '每轮之间洗牌的记忆游戏', tags: ['procedural'] },
    { en: 'memory match with emoji-like faces drawn with shapes', zh: '用图形画表情的记忆配对游戏' },
    { en: 'memory game that shows the cards briefly at the start', zh: '开局短暂亮牌的记忆游戏', tags: ['timers'] },
  ],
};

/** How each mechanic is asked for: English noun phrases, Chinese clauses. */
export const MECHANIC_PHRASES: Record<string, { en: readonly string[]; zh: readonly string[] }> = {
  gravity_jump: { en: ['gravity and jumping', 'a jump that feels floaty but controllable', 'a double jump'], zh: ['有重力，可以跳跃', '跳跃手感要好', '支持二段跳'] },
  collisions: { en: ['proper collisions', 'collision detection with walls and obstacles', 'things that bounce off each other'], zh: ['碰撞检测要准确', '撞到障碍物会有反应', '物体之间会碰撞反弹'] },
  scoring: { en: ['a score', 'points for everything you collect', 'a high score that stays for the session'], zh: ['要有计分', '收集东西加分', '记录本局最高分'] },
  lives: { en: ['three lives', 'a health bar', 'hearts that you lose when hit'], zh: ['有三条命', '有血条', '被打到会掉一颗心'] },
  timers: { en: ['a countdown timer', 'a 60 second time limit', 'a timer that speeds things up'], zh: ['有倒计时', '限时60秒', '难度随时间增加'] },
  tweens: { en: ['smooth tweened animations', 'little tween effects when things appear', 'easing on menus and pickups'], zh: ['动画要用缓动做得顺滑', '物体出现时有缓动效果', '界面元素有弹跳动画'] },
  particles: { en: ['particle explosions', 'sparkle particles on pickups', 'a particle trail'], zh: ['有粒子爆炸特效', '拾取东西时冒火花粒子', '带粒子拖尾'] },
  camera_follow: { en: ['a camera that follows the player', 'a world bigger than the screen with a following camera', 'smooth camera scrolling'], zh: ['镜头跟随玩家', '地图比屏幕大，摄像机跟着走', '相机平滑滚动'] },
  tilemap_array: { en: ['levels laid out as a 2D array', 'a tile map built from an array in code', 'walls defined in a grid array'], zh: ['关卡用二维数组定义', '地图用数组生成瓦片', '墙体用网格数组描述'] },
  pointer_drag: { en: ['drag and drop with the mouse', 'dragging with the pointer', 'swipe or drag controls'], zh: ['可以用鼠标拖拽', '支持拖动操作', '用滑动/拖拽来控制'] },
  pointer_click: { en: ['mouse and touch controls', 'click to interact', 'tap controls for phones'], zh: ['支持鼠标点击', '点击进行操作', '手机上点屏幕也能玩'] },
  keyboard: { en: ['arrow key controls', 'WASD movement', 'keyboard controls with space as the action key'], zh: ['用方向键控制', 'WASD移动', '键盘操作，空格是动作键'] },
  ui_text: { en: ['a HUD showing score and status', 'on-screen text for instructions', 'clear UI text'], zh: ['界面上显示分数和状态', '屏幕上有操作说明文字', 'UI文字要清楚'] },
  levels_scenes: { en: ['a title screen and a game over screen', 'several levels with a scene for each', 'a start menu, the game and a results scene'], zh: ['有开始界面和结束画面', '分几个关卡，每关一个场景', '开始菜单、游戏、结算三个场景'] },
  state_machine: { en: ['enemies driven by a simple state machine', 'clear game states (ready, playing, paused, over)', 'a player state machine for idle/run/jump'], zh: ['敌人用状态机控制', '游戏有准备、进行、结束等状态', '角色用状态机管理动作'] },
  procedural: { en: ['procedurally generated layouts', 'random levels every run', 'randomly placed obstacles'], zh: ['关卡随机生成', '每局都不一样（随机）', '障碍物随机摆放'] },
  spawning: { en: ['enemies spawning in waves', 'objects that keep spawning faster', 'spawns from the edges of the screen'], zh: ['敌人一波一波刷出', '东西越来越快地出现', '从屏幕边缘刷怪'] },
  projectiles: { en: ['shooting bullets', 'projectiles with a fire rate limit', 'a weapon that fires lasers'], zh: ['可以发射子弹', '射击有射速限制', '武器能发射激光'] },
  enemy_ai: { en: ['enemies that chase the player', 'enemies that patrol and react', 'a simple AI opponent'], zh: ['敌人会追玩家', '敌人会巡逻', '有个简单的电脑对手'] },
  powerups: { en: ['power-ups', 'a shield power-up', 'random bonus items'], zh: ['有道具', '有护盾道具', '随机掉落奖励道具'] },
  grid_logic: { en: ['grid-based logic', 'movement snapped to a grid', 'a board of cells'], zh: ['基于网格的逻辑', '按格子移动', '棋盘格子结构'] },
  pause_menu: { en: ['a pause menu', 'pause with the P key', 'a pause button'], zh: ['可以暂停', '按P暂停', '有暂停按钮'] },
};

/** Visual themes, placed before the subject ("a neon …", "霓虹风格的…"). */
export const THEMES: readonly { en: string; zh: string }[] = [
  { en: 'neon', zh: '霓虹风格的' },
  { en: 'retro', zh: '复古风的' },
  { en: 'cute', zh: '可爱风格的' },
  { en: 'minimalist', zh: '极简风格的' },
  { en: 'spooky', zh: '万圣节主题的' },
  { en: 'winter-themed', zh: '冬天主题的' },
  { en: 'underwater', zh: '海底主题的' },
  { en: 'jungle', zh: '丛林主题的' },
  { en: 'cyberpunk', zh: '赛博朋克风的' },
  { en: 'pastel', zh: '马卡龙配色的' },
  { en: 'desert', zh: '沙漠主题的' },
  { en: 'space-themed', zh: '太空主题的' },
];

export const OPENERS: { en: readonly string[]; zh: readonly string[] } = {
  en: ['Make', 'Create', 'Build me', 'I want', 'Can you make', 'pls make', 'Write', 'I need', 'Help me code', 'Code up', 'Could you build'],
  zh: ['帮我做一个', '做个', '请用Phaser 3实现一个', '我想要一个', '能不能写一个', '来一个', '请开发一个', '写一个', '帮忙做个', '用Phaser做一个'],
};

/** Size remarks by difficulty, with the mechanics their words ask for. */
export const SIZE_REMARKS: Record<'easy' | 'medium' | 'hard', readonly { en: string; zh: string; tags?: readonly string[] }[]> = {
  easy: [
    { en: 'Keep it simple, one screen.', zh: '简单一点，一屏就行。' },
    { en: 'Just the basics please.', zh: '做个基础版就好。' },
    { en: 'Something small for beginners.', zh: '适合新手的小游戏。' },
    { en: '', zh: '' },
  ],
  medium: [
    { en: '', zh: '' },
    { en: 'Add a game over screen with a restart.', zh: '结束后显示游戏结束，可以重新开始。', tags: ['ui_text'] },
    { en: 'Make it feel polished.', zh: '手感要做好一点。' },
    { en: 'Show the score on screen.', zh: '屏幕上显示分数。', tags: ['ui_text', 'scoring'] },
  ],
  hard: [
    { en: 'Make it a complete game with a title screen, three levels and a boss at the end.', zh: '做成完整的游戏：标题画面、三个关卡，最后有Boss。', tags: ['levels_scenes', 'enemy_ai'] },
    { en: 'It should be fairly complex: several levels, a difficulty ramp and a proper game over flow.', zh: '要复杂一些：多个关卡，难度递增，有完整的结束流程。', tags: ['levels_scenes'] },
    { en: 'Make it as polished and complete as you can, with difficulty that keeps ramping up.', zh: '尽量做得精致完整，难度要不断上升。' },
    { en: 'Go all out: multiple stages, rising difficulty and a pause menu.', zh: '尽量做完整：多关卡、难度逐渐提高，还要有暂停菜单。', tags: ['levels_scenes', 'pause_menu'] },
  ],
};
