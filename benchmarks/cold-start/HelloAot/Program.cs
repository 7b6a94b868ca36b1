Console.WriteLine("""{"code":0,"message":"make order success","orderId":"order-1"}""");
