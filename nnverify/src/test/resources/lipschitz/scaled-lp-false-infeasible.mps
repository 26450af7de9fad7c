NAME          lipmip
OBJSENSE
    MAX
ROWS
 N  obj
 G  relu_ge_0_0
 L  relu_lz_0_0
 L  relu_lu_0_0
 G  relu_ge_0_1
 L  relu_lz_0_1
 L  relu_lu_0_1
 G  relu_ge_0_2
 L  relu_lz_0_2
 L  relu_lu_0_2
 G  relu_ge_0_3
 L  relu_lz_0_3
 L  relu_lu_0_3
 G  relu_ge_1_0
 L  relu_lz_1_0
 L  relu_lu_1_0
 G  relu_ge_1_1
 L  relu_lz_1_1
 L  relu_lu_1_1
 G  relu_ge_1_2
 L  relu_lz_1_2
 L  relu_lu_1_2
 G  relu_ge_1_3
 L  relu_lz_1_3
 L  relu_lu_1_3
 L  sw_a0_0
 G  sw_b0_0
 L  sw_c0_0
 G  sw_d0_0
 L  sw_a0_1
 G  sw_b0_1
 L  sw_c0_1
 G  sw_d0_1
 L  sw_a0_2
 G  sw_b0_2
 L  sw_c0_2
 G  sw_d0_2
 L  sw_a0_3
 G  sw_b0_3
 L  sw_c0_3
 G  sw_d0_3
 E  grad0
 E  grad1
 E  grad2
 L  abs_pos0
 L  abs_neg0
 L  abs_pos1
 L  abs_neg1
 L  abs_pos2
 L  abs_neg2
COLUMNS
    x0        relu_ge_0_0  -0.15149671586333632
    x0        relu_lz_0_0  -0.15149671586333632
    x0        relu_ge_0_1  0.6034552262709248
    x0        relu_lz_0_1  0.6034552262709248
    x0        relu_ge_0_2  0.44433164384442725
    x0        relu_lz_0_2  0.44433164384442725
    x0        relu_ge_0_3  -0.7335482787054686
    x0        relu_lz_0_3  -0.7335482787054686
    x1        relu_ge_0_0  0.9021078336983572
    x1        relu_lz_0_0  0.9021078336983572
    x1        relu_ge_0_1  -0.07018944008613733
    x1        relu_lz_0_1  -0.07018944008613733
    x1        relu_ge_0_2  0.6559756905969397
    x1        relu_lz_0_2  0.6559756905969397
    x1        relu_ge_0_3  1.0564414466221645
    x1        relu_lz_0_3  1.0564414466221645
    x2        relu_ge_0_0  0.14905963635644828
    x2        relu_lz_0_0  0.14905963635644828
    x2        relu_ge_0_1  -0.9222816367807927
    x2        relu_lz_0_1  -0.9222816367807927
    x2        relu_ge_0_2  -0.669428700488728
    x2        relu_lz_0_2  -0.669428700488728
    x2        relu_ge_0_3  0.1569770400075592
    x2        relu_lz_0_3  0.1569770400075592
    MARKER0  'MARKER'  'INTORG'
    s0_0      relu_lz_0_0  1.0285877135026014
    s0_0      relu_lu_0_0  -0.8956749839664264
    s0_0      sw_a0_0   4.9778324687864434e-15
    s0_0      sw_b0_0   -3.736360741923235
    s0_0      sw_c0_0   -3.736360741923235
    s0_0      sw_d0_0   4.9778324687864434e-15
    MARKER1  'MARKER'  'INTEND'
    a0_0      relu_ge_0_0  1
    a0_0      relu_lz_0_0  1
    a0_0      relu_lu_0_0  1
    a0_0      relu_ge_1_0  -0.9643322691469038
    a0_0      relu_lz_1_0  -0.9643322691469038
    a0_0      relu_ge_1_1  -0.8193245179674273
    a0_0      relu_lz_1_1  -0.8193245179674273
    a0_0      relu_ge_1_2  -1.1809516209595927
    a0_0      relu_lz_1_2  -1.1809516209595927
    a0_0      relu_ge_1_3  -0.8679553918588843
    a0_0      relu_lz_1_3  -0.8679553918588843
    MARKER2  'MARKER'  'INTORG'
    s0_1      relu_lz_0_1  0.16864221694645862
    s0_1      relu_lu_0_1  -2.3848398680741103
    s0_1      sw_a0_1   1.4531720066542253
    s0_1      sw_b0_1   -1.936014024633912e-15
    s0_1      sw_c0_1   -1.936014024633912e-15
    s0_1      sw_d0_1   1.4531720066542253
    MARKER3  'MARKER'  'INTEND'
    a0_1      relu_ge_0_1  1
    a0_1      relu_lz_0_1  1
    a0_1      relu_lu_0_1  1
    a0_1      relu_ge_1_0  0.7530772132195052
    a0_1      relu_lz_1_0  0.7530772132195052
    a0_1      relu_ge_1_1  0.6729723694262716
    a0_1      relu_lz_1_1  0.6729723694262716
    a0_1      relu_ge_1_2  0.27083077733039385
    a0_1      relu_lz_1_2  0.27083077733039385
    a0_1      relu_ge_1_3  0.6759128429347218
    a0_1      relu_lz_1_3  0.6759128429347218
    MARKER4  'MARKER'  'INTORG'
    s0_2      relu_lz_0_2  0.32404641625137304
    s0_2      relu_lu_0_2  -2.5075312396367804
    s0_2      sw_a0_2   0.16597157529979636
    s0_2      sw_b0_2   -3.452630595925762
    s0_2      sw_c0_2   -3.452630595925762
    s0_2      sw_d0_2   0.16597157529979636
    MARKER5  'MARKER'  'INTEND'
    a0_2      relu_ge_0_2  1
    a0_2      relu_lz_0_2  1
    a0_2      relu_lu_0_2  1
    a0_2      relu_ge_1_0  0.1935662097207736
    a0_2      relu_lz_1_0  0.1935662097207736
    a0_2      relu_ge_1_1  -1.070231998499273
    a0_2      relu_lz_1_1  -1.070231998499273
    a0_2      relu_ge_1_2  -1.3572386823191003
    a0_2      relu_lz_1_2  -1.3572386823191003
    a0_2      relu_ge_1_3  0.23210040359743406
    a0_2      relu_lz_1_3  0.23210040359743406
    MARKER6  'MARKER'  'INTORG'
    s0_3      relu_lz_0_3  1.8615218954867783
    s0_3      relu_lu_0_3  -1.2536249290495314
    s0_3      sw_a0_3   0.14533263502924992
    s0_3      sw_b0_3   -0.8107432622642486
    s0_3      sw_c0_3   -0.8107432622642486
    s0_3      sw_d0_3   0.14533263502924992
    MARKER7  'MARKER'  'INTEND'
    a0_3      relu_ge_0_3  1
    a0_3      relu_lz_0_3  1
    a0_3      relu_lu_0_3  1
    a0_3      relu_ge_1_0  -0.3412547291262435
    a0_3      relu_lz_1_0  -0.3412547291262435
    a0_3      relu_ge_1_1  -0.48758449973298384
    a0_3      relu_lz_1_1  -0.48758449973298384
    a0_3      relu_ge_1_2  -0.1873853611698037
    a0_3      relu_lz_1_2  -0.1873853611698037
    a0_3      relu_ge_1_3  0.7588690527025886
    a0_3      relu_lz_1_3  0.7588690527025886
    MARKER8  'MARKER'  'INTORG'
    s1_0      relu_lz_1_0  2.053118305388342
    s1_0      relu_lu_1_0  -1.4273354079336644
    s1_0      sw_a0_0   -0.6054111076971778
    s1_0      sw_b0_0   -0.6054111076971778
    s1_0      sw_a0_1   0.47278445865972624
    s1_0      sw_b0_1   0.47278445865972624
    s1_0      sw_a0_2   0.12152153068927923
    s1_0      sw_b0_2   0.12152153068927923
    s1_0      sw_a0_3   -0.2142408899683379
    s1_0      sw_b0_3   -0.2142408899683379
    MARKER9  'MARKER'  'INTEND'
    a1_0      relu_ge_1_0  1
    a1_0      relu_lz_1_0  1
    a1_0      relu_lu_1_0  1
    MARKER10  'MARKER'  'INTORG'
    s1_1      relu_lz_1_1  0.29576261136452825
    s1_1      relu_lu_1_1  -2.574941978552162
    s1_1      sw_a0_0   -0.2888876545315383
    s1_1      sw_b0_0   -0.2888876545315383
    s1_1      sw_a0_1   0.23728498916447235
    s1_1      sw_b0_1   0.23728498916447235
    s1_1      sw_a0_2   -0.37735574253051624
    s1_1      sw_b0_2   -0.37735574253051624
    s1_1      sw_a0_3   -0.17191862250531972
    s1_1      sw_b0_3   -0.17191862250531972
    MARKER11  'MARKER'  'INTEND'
    a1_1      relu_ge_1_1  1
    a1_1      relu_lz_1_1  1
    a1_1      relu_lu_1_1  1
    MARKER12  'MARKER'  'INTORG'
    s1_2      relu_lz_1_2  1.15676803849355
    s1_2      relu_lu_1_2  -3.0201650554946013
    s1_2      sw_a0_0   -2.675837986586003
    s1_2      sw_b0_0   -2.675837986586003
    s1_2      sw_a0_1   0.6136570449248568
    s1_2      sw_b0_1   0.6136570449248568
    s1_2      sw_a0_2   -3.075274853395239
    s1_2      sw_b0_2   -3.075274853395239
    s1_2      sw_a0_3   -0.4245837497905893
    s1_2      sw_b0_3   -0.4245837497905893
    MARKER13  'MARKER'  'INTEND'
    a1_2      relu_ge_1_2  1
    a1_2      relu_lz_1_2  1
    a1_2      relu_lu_1_2  1
    MARKER14  'MARKER'  'INTORG'
    s1_3      relu_lz_1_3  2.939541077561455
    s1_3      relu_lu_1_3  -0.4227130380801706
    s1_3      sw_a0_0   -0.16622399310850872
    s1_3      sw_b0_0   -0.16622399310850872
    s1_3      sw_a0_1   0.12944551390516681
    s1_3      sw_b0_1   0.12944551390516681
    s1_3      sw_a0_2   0.04445004461051216
    s1_3      sw_b0_2   0.04445004461051216
    s1_3      sw_a0_3   0.14533263502924854
    s1_3      sw_b0_3   0.14533263502924854
    MARKER15  'MARKER'  'INTEND'
    a1_3      relu_ge_1_3  1
    a1_3      relu_lz_1_3  1
    a1_3      relu_lu_1_3  1
    h0_0      sw_a0_0   1
    h0_0      sw_b0_0   1
    h0_0      sw_c0_0   1
    h0_0      sw_d0_0   1
    h0_0      grad0     -0.15149671586333632
    h0_0      grad1     0.9021078336983572
    h0_0      grad2     0.14905963635644828
    h0_1      sw_a0_1   1
    h0_1      sw_b0_1   1
    h0_1      sw_c0_1   1
    h0_1      sw_d0_1   1
    h0_1      grad0     0.6034552262709248
    h0_1      grad1     -0.07018944008613733
    h0_1      grad2     -0.9222816367807927
    h0_2      sw_a0_2   1
    h0_2      sw_b0_2   1
    h0_2      sw_c0_2   1
    h0_2      sw_d0_2   1
    h0_2      grad0     0.44433164384442725
    h0_2      grad1     0.6559756905969397
    h0_2      grad2     -0.669428700488728
    h0_3      sw_a0_3   1
    h0_3      sw_b0_3   1
    h0_3      sw_c0_3   1
    h0_3      sw_d0_3   1
    h0_3      grad0     -0.7335482787054686
    h0_3      grad1     1.0564414466221645
    h0_3      grad2     0.1569770400075592
    g0        grad0     1
    g0        abs_pos0  -1
    g0        abs_neg0  1
    g1        grad1     1
    g1        abs_pos1  -1
    g1        abs_neg1  1
    g2        grad2     1
    g2        abs_pos2  -1
    g2        abs_neg2  1
    abs0      obj       1
    abs0      abs_pos0  1
    abs0      abs_neg0  1
    MARKER16  'MARKER'  'INTORG'
    sign0     abs_pos0  3.281443065081403
    sign0     abs_neg0  -4.222872742317153
    MARKER17  'MARKER'  'INTEND'
    abs1      obj       1
    abs1      abs_pos1  1
    abs1      abs_neg1  1
    MARKER18  'MARKER'  'INTORG'
    sign1     abs_pos1  13.18788429734403
    sign1     abs_neg1  -0.5248174758369423
    MARKER19  'MARKER'  'INTEND'
    abs2      obj       1
    abs2      abs_pos2  1
    abs2      abs_neg2  1
    MARKER20  'MARKER'  'INTORG'
    sign2     abs_pos2  4.271097287592009
    sign2     abs_neg2  -4.668207799923209
    MARKER21  'MARKER'  'INTEND'
RHS
    RHS       relu_ge_0_0  0.2585226991832065
    RHS       relu_lz_0_0  1.287110412685808
    RHS       relu_ge_0_1  0.3406067239098433
    RHS       relu_lz_0_1  0.5092489408563019
    RHS       relu_ge_0_2  0.7199176878398542
    RHS       relu_lz_0_2  1.0439641040912273
    RHS       relu_ge_0_3  -0.23547331855334852
    RHS       relu_lz_0_3  1.6260485769334299
    RHS       relu_ge_1_0  0.14923620025842008
    RHS       relu_lz_1_0  2.2023545056467624
    RHS       relu_ge_1_1  0.12162771716249494
    RHS       relu_lz_1_1  0.4173903285270232
    RHS       relu_ge_1_2  -0.6885533083568088
    RHS       relu_lz_1_2  0.4682147301367411
    RHS       relu_ge_1_3  -0.30028808183770755
    RHS       relu_lz_1_3  2.639252995723748
    RHS       sw_a0_0   4.9778324687864434e-15
    RHS       sw_b0_0   -3.736360741923235
    RHS       sw_a0_1   1.4531720066542253
    RHS       sw_b0_1   -1.936014024633912e-15
    RHS       sw_a0_2   0.16597157529979636
    RHS       sw_b0_2   -3.452630595925762
    RHS       sw_a0_3   0.14533263502924992
    RHS       sw_b0_3   -0.8107432622642486
    RHS       abs_pos0  3.281443065081403
    RHS       abs_pos1  13.18788429734403
    RHS       abs_pos2  4.271097287592009
BOUNDS
 FX BND       x0        1.324653123155363
 FX BND       x1        -0.5426365867092916
 FX BND       x2        0.3558644717733779
 BV BND       s0_0
 UP BND       a0_0      0.8956749839664264
 BV BND       s0_1
 UP BND       a0_1      2.3848398680741103
 BV BND       s0_2
 UP BND       a0_2      2.5075312396367804
 BV BND       s0_3
 UP BND       a0_3      1.2536249290495314
 BV BND       s1_0
 UP BND       a1_0      1.4273354079336644
 BV BND       s1_1
 UP BND       a1_1      2.574941978552162
 BV BND       s1_2
 UP BND       a1_2      3.0201650554946013
 BV BND       s1_3
 UP BND       a1_3      0.4227130380801706
 UP BND       h0_0      3.736360741923235
 LO BND       h0_0      -4.9778324687864434e-15
 UP BND       h0_1      1.936014024633912e-15
 LO BND       h0_1      -1.4531720066542253
 UP BND       h0_2      3.452630595925762
 LO BND       h0_2      -0.16597157529979636
 UP BND       h0_3      0.8107432622642486
 LO BND       h0_3      -0.14533263502924992
 UP BND       g0        2.1114363711585766
 LO BND       g0        -1.6407215325407014
 UP BND       g1        0.26240873791847114
 LO BND       g1        -6.593942148672015
 UP BND       g2        2.3341038999616046
 LO BND       g2        -2.1355486437960045
 UP BND       abs0      2.1114363711585766
 BV BND       sign0
 UP BND       abs1      6.593942148672015
 BV BND       sign1
 UP BND       abs2      2.3341038999616046
 BV BND       sign2
ENDATA
