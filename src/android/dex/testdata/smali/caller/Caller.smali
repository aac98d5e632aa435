.class public Lorg/dfslab/Caller;
.super Ljava/lang/Object;

# A second DEX (as in a multidex APK) that calls into the first one.
.method public static main(Lorg/dfslab/AllFormats;)V
    .registers 3
    const-string v0, "hello"
    const/4 v1, 0x1
    invoke-virtual {p0, v1}, Lorg/dfslab/AllFormats;->formats(I)I
    invoke-static {v1}, Ljava/lang/Integer;->valueOf(I)Ljava/lang/Integer;
    sget v1, Lorg/dfslab/AllFormats;->sCount:I
    return-void
.end method
