from fontTools.ttLib import TTCollection
from fontTools import subset
import os
col=TTCollection('/usr/share/fonts/truetype/arphic/ukai.ttc')

font=col.fonts[0]  # AR PL UKai CN
font.save('/tmp/ukai0.ttf')
from fontTools.ttLib import TTFont
f=TTFont('/tmp/ukai0.ttf')
chars=set(range(0x20,0x7f))
for b1 in list(range(0xA1,0xAA))+list(range(0xB0,0xF8)):
    for b2 in range(0xA1,0xFF):
        try: chars.add(ord(bytes([b1,b2]).decode('gb2312')))
        except: pass
chars |= set(ord(c) for c in '≥≤═─①②③④⑤⑥⑦⑧⑨⑩×÷→−—…·“”‘’《》〔〕【】（）：；，。、？！％‰☆★')
opts=subset.Options(); opts.layout_features=[]; opts.name_IDs=['*']; opts.hinting=False; opts.notdef_outline=True
sub=subset.Subsetter(opts); sub.populate(unicodes=chars); sub.subset(f)
f.save('/tmp/kai-gb2312.ttf'); print(os.path.getsize('/tmp/kai-gb2312.ttf'))
