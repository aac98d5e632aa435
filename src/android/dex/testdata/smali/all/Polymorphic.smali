.class public Lorg/dfslab/Polymorphic;
.super Ljava/lang/Object;

.method public static call(Ljava/lang/invoke/MethodHandle;)V
    .registers 8
    invoke-polymorphic {p0, v1, v2}, Ljava/lang/invoke/MethodHandle;->invoke([Ljava/lang/Object;)Ljava/lang/Object;, (II)V
    invoke-polymorphic/range {v0 .. v2}, Ljava/lang/invoke/MethodHandle;->invokeExact([Ljava/lang/Object;)Ljava/lang/Object;, (II)V
    const-method-handle v0, invoke-static@Ljava/lang/Integer;->valueOf(I)Ljava/lang/Integer;
    const-method-type v0, (II)V
    invoke-custom {v1}, call_site_0("run", (I)V, 5)@Lorg/dfslab/Polymorphic;->bootstrap(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;I)Ljava/lang/invoke/CallSite;
    invoke-custom/range {v1 .. v1}, call_site_0("run", (I)V, 5)@Lorg/dfslab/Polymorphic;->bootstrap(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;I)Ljava/lang/invoke/CallSite;
    return-void
.end method

.method public static bootstrap(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;I)Ljava/lang/invoke/CallSite;
    .registers 5
    const/4 v0, 0x0
    return-object v0
.end method
