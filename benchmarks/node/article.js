// The tcb-router article's four routes with a global and a route middleware, doing the same work as
// benchmarks/Router.Benchmarks/Article/ArticleRouter.cs: the Node.js side of the end-to-end benchmark.
// The global middleware counts the events served after the rest of the pipeline, the pay middleware
// counts payment calls, makeOrder prices `amount` at 1590 cents.
const TcbRouter = require('tcb-router');

const PRICE_CENTS = 1590;
let orders = 0;
let served = 0;
let payCalls = 0;

exports.main = async (event, context) => {
  const app = new TcbRouter({ event });

  app.use(async (ctx, next) => {
    await next();
    served += 1;
  });

  app.use(['pay/makeOrder', 'pay/pay'], async (ctx, next) => {
    payCalls += 1;
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
    ctx.body = { code: 0, message: 'make order success', orderId: `order-${orders}`, totalCents: Number(event.amount) * PRICE_CENTS };
  });

  app.router('pay/pay', async (ctx) => {
    ctx.body = { code: 0, message: 'pay success' };
  });

  return app.serve();
};

exports.reset = () => {
  orders = 0;
};
