.class public Lorg/dfslab/AllFormats;
.super Ljava/lang/Object;
.implements Ljava/lang/Runnable;
.source "AllFormats.java"

.field public static sCount:I
.field public static sByte:B
.field public static sShort:S
.field public static sChar:C
.field public static final sKey:Ljava/lang/String; = "secret"
.field private mName:Ljava/lang/String;
.field protected mWide:J

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public run()V
    .registers 2
    const/4 v0, 0x0
    invoke-virtual {p0, v0}, Lorg/dfslab/AllFormats;->formats(I)I
    return-void
.end method

.method public static bigRegisters()V
    .registers 300
    move/from16 v200, v1
    move/16 v299, v298
    move-wide/from16 v200, v2
    move-wide/16 v290, v292
    move-object/from16 v201, v3
    move-object/16 v280, v281
    invoke-virtual/range {v280 .. v281}, Ljava/lang/Object;->equals(Ljava/lang/Object;)Z
    invoke-direct/range {v280 .. v280}, Ljava/lang/Object;-><init>()V
    invoke-super/range {v280 .. v280}, Ljava/lang/Object;->hashCode()I
    invoke-interface/range {v280 .. v280}, Ljava/lang/Runnable;->run()V
    return-void
.end method

.method public formats(I)I
    .registers 16
    nop
    move v0, v1
    move-wide v2, v4
    move-object v0, p0
    const/4 v0, -0x8
    const/16 v1, -0x1234
    const v2, 0x12345678
    const/high16 v3, 0x7f010000
    const-wide/16 v4, -0x2
    const-wide/32 v4, 0x12345678
    const-wide v4, 0x123456789abcdef0L
    const-wide/high16 v4, -0x8000000000000000L
    const-string v6, "hello"
    const-string/jumbo v6, "jumbo"
    const-class v6, Ljava/lang/String;
    monitor-enter p0
    monitor-exit p0
    check-cast v6, Ljava/lang/Class;
    instance-of v7, v6, Ljava/lang/Class;
    new-instance v6, Ljava/lang/StringBuilder;
    invoke-direct {v6}, Ljava/lang/StringBuilder;-><init>()V
    invoke-virtual {v6}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v6
    array-length v7, v6
    const/4 v7, 0x3
    new-array v8, v7, [I
    filled-new-array {v0, v1, v2, v7, v8}, [I
    move-result-object v8
    filled-new-array/range {v0 .. v2}, [I
    move-result-object v8
    fill-array-data v8, :array_0
    packed-switch v0, :pswitch_data_0
    sparse-switch v0, :sswitch_data_0
    cmpl-float v9, v0, v1
    cmpg-double v9, v2, v4
    cmp-long v9, v2, v4
    if-eq v0, v1, :goto_0
    if-nez v0, :goto_0
    aget v9, v8, v0
    aput-object v6, v8, v0
    iget-object v6, p0, Lorg/dfslab/AllFormats;->mName:Ljava/lang/String;
    iput-wide v2, p0, Lorg/dfslab/AllFormats;->mWide:J
    sget v9, Lorg/dfslab/AllFormats;->sCount:I
    sput v9, Lorg/dfslab/AllFormats;->sCount:I
    sget-byte v9, Lorg/dfslab/AllFormats;->sByte:B
    sput-byte v9, Lorg/dfslab/AllFormats;->sByte:B
    sget-short v9, Lorg/dfslab/AllFormats;->sShort:S
    sput-short v9, Lorg/dfslab/AllFormats;->sShort:S
    sput-char v9, Lorg/dfslab/AllFormats;->sChar:C
    invoke-super {p0}, Ljava/lang/Object;->hashCode()I
    invoke-static {v0}, Ljava/lang/Integer;->valueOf(I)Ljava/lang/Integer;
    invoke-interface {p0}, Ljava/lang/Runnable;->run()V
    invoke-static/range {v0 .. v0}, Ljava/lang/Integer;->valueOf(I)Ljava/lang/Integer;
    neg-int v0, v1
    int-to-short v0, v1
    add-int v0, v1, v2
    shr-int v0, v1, v2
    rem-double v0, v2, v4
    add-int/2addr v0, v1
    ushr-long/2addr v2, v4
    add-int/lit16 v0, v1, 0x1234
    rsub-int v0, v1, -0x1
    xor-int/lit16 v0, v1, 0x7fff
    mul-int/lit8 v0, v1, -0x80
    ushr-int/lit8 v0, v1, 0x7
    :goto_0
    goto :goto_1
    :goto_1
    goto/16 :goto_2
    :goto_2
    goto/32 :goto_3
    :goto_3
    throw v6
    return v0

    :array_0
    .array-data 4
        0x1
        0x2
        0x3
    .end array-data

    :pswitch_data_0
    .packed-switch 0x1
        :goto_0
        :goto_1
    .end packed-switch

    :sswitch_data_0
    .sparse-switch
        0x5 -> :goto_0
        0x3e8 -> :goto_2
    .end sparse-switch
.end method

.method public static wide()J
    .registers 4
    const-wide v0, -0x1L
    move-result-wide v2
    move-exception v2
    return-wide v0
.end method

.method public abstract nothing()V
.end method

.method public native nat()V
.end method
