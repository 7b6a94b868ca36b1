// The tcb-router article's shop function, as written for CloudBase: the Node.js baseline the
// cold-start benchmark compares the C# function with. Same routes, a global middleware and a
// `pay/*`-style middleware on the pay routes, the same bodies.
const TcbRouter = require('tcb-router');

let orders = 0;

exports.main = async (event, context) => {
  const app = new TcbRouter({ event });

  app.use(async (ctx, next) => {
    const started = Date.now();
    await next();
    console.error(`[${(context && context.requestId) || 'local'}] ${ctx._req.url} ${Date.now() - started} ms`);
  });

  app.use(['pay/makeOrder', 'pay/pay'], async (ctx, next) => {
    ctx.data = { openId: (event.userInfo && event.userInfo.openId) || null };
    await next();
  });

  app.router('user/register', async (ctx) => {
    ctx.body = { code: 0, message: 'register success' };
  });

  app.router('user/login', async (ctx) => {
    ctx.body = { code: 0, message: 'login success' };
  });

  app.router('pay/makeOrder', async (ctx) => {
    orders += 1;
    ctx.body = { code: 0, message: 'make order success', orderId: `order-${orders}` };
  });

  app.router('pay/pay', async (ctx) => {
    ctx.body = { code: 0, message: 'pay success' };
  });

  return app.serve();
};
