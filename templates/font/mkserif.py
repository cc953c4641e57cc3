import sys
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
src='/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc'
col=TTCollection(src)
font=None
for f in col.fonts:
    name=f['name'].getDebugName(1)
    if 'SC' in name: font=f; break
print('font', font['name'].getDebugName(4))
# characters: GB2312 hanzi + ASCII + common punctuation
chars=set(range(0x20,0x7f))
for b1 in range(0xB0,0xF8):
    for b2 in range(0xA1,0xFF):
        try: chars.add(ord(bytes([b1,b2]).decode('gb2312')))
        except: pass
for b1 in range(0xA1,0xAA):
    for b2 in range(0xA1,0xFF):
        try: chars.add(ord(bytes([b1,b2]).decode('gb2312')))
        except: pass
chars |= set(ord(c) for c in '≥≤═─①②③④⑤⑥⑦⑧⑨⑩×÷→−—…·“”‘’《》〔〕【】（）：；，。、？！％‰☆★')
font.save('/tmp/serif-sc.otf')
f=TTFont('/tmp/serif-sc.otf')
opts=subset.Options(); opts.layout_features=[]; opts.name_IDs=['*']; opts.hinting=False; opts.desubroutinize=True; opts.notdef_outline=True
sub=subset.Subsetter(opts); sub.populate(unicodes=chars); sub.subset(f)
# CFF -> glyf
glyphOrder=f.getGlyphOrder()
gs=f.getGlyphSet()
glyf=newTable('glyf'); glyf.glyphOrder=glyphOrder; glyf.glyphs={}
for g in glyphOrder:
    pen=TTGlyphPen(gs)
    gs[g].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
    glyf.glyphs[g]=pen.glyph()
f['glyf']=glyf
loca=newTable('loca'); f['loca']=loca
del f['CFF ']
if 'VORG' in f: del f['VORG']
f['maxp']=newTable('maxp'); m=f['maxp']; m.tableVersion=0x00010000
m.maxZones=1; m.maxTwilightPoints=0; m.maxStorage=0; m.maxFunctionDefs=0; m.maxInstructionDefs=0; m.maxStackElements=0; m.maxSizeOfInstructions=0; m.maxComponentElements=0
m.numGlyphs=len(glyphOrder)
f['head'].glyphDataFormat=0; f['head'].indexToLocFormat=0
post=f['post']; post.formatType=2.0; post.extraNames=[]; post.mapping={}; post.glyphOrder=glyphOrder
f.sfntVersion='\x00\x01\x00\x00'
f.save('/tmp/serif-sc.ttf')
import os; print(os.path.getsize('/tmp/serif-sc.ttf'), len(glyphOrder))
