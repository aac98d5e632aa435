# Refreshes the balance in the background (not exported).
.class public Lorg/dfslab/demo/wallet/BalanceService;
.super Landroid/app/Service;
.source "BalanceService.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Service;-><init>()V
    return-void
.end method

.method public onBind(Landroid/content/Intent;)Landroid/os/IBinder;
    .registers 3
    const/4 v0, 0x0
    return-object v0
.end method

.method public onStartCommand(Landroid/content/Intent;II)I
    .registers 6
    new-instance v0, Lorg/dfslab/demo/wallet/ApiClient;
    invoke-direct {v0}, Lorg/dfslab/demo/wallet/ApiClient;-><init>()V
    invoke-virtual {v0}, Lorg/dfslab/demo/wallet/ApiClient;->getBalance()Ljava/lang/String;
    const/4 v0, 0x2
    return v0
.end method
