"""Person names by origin, written by hand for the world evaluation set.

Written from general knowledge of naming conventions, NOT taken from Faker's lists or any other
dataset. Combinations are drawn at random by ``generate.py``; no entry is meant to be a real,
identifiable person (famous given+surname pairs were avoided on purpose).

Per origin:

- ``f`` / ``m``: given names, comma separated. ``Olubunmi>Bunmi`` gives a nickname (or, for Hong
  Kong, the English name people go by). A given name may have two words ("Siu Fung",
  "Mary Grace") or a hyphen ("Jean-Baptiste", "Min-jun").
- ``surnames``: family names. ``Wiśniewski/Wiśniewska`` is a male/female pair. Particles stay
  in the surname ("van der Berg", "Al-Harbi", "de la Cruz").
- ``middles``: extra names used by ``three``-part names (patronymics, father's names, "Singh",
  "Muhammad", Christian names placed before an Akan day name...), same ``m/f`` pair syntax.
- ``three``: how a three-part name is built (see ``generate.py: Person.three``):
  ``given2`` (given + second given + surname), ``middle`` (given + middle + surname),
  ``prefix`` (middle + given + surname), ``spanish`` (given + two surnames),
  ``patronymic`` (given + patronymic + surname), ``bin`` (given + bin/binti + father [+ family]),
  ``father`` (given + father + grandfather), ``family`` (family + middle + given, Vietnamese).
- ``family_first``: share of full-name mentions written family name first.
- ``ascii``: share of people whose name is typed without diacritics.
- ``mononym``: share of people with one name only (no surname).
"""

ORIGINS = {
    # ------------------------------------------------------------------ South Asia
    "india_north": {
        "label": "Indian (Hindi belt)",
        "f": "Ananya, Pooja, Neha, Shalini, Priyanka>Pinky, Deepika, Ritu, Swati, Kavita, Nidhi, "
             "Aarti, Shruti, Sakshi, Tanvi, Garima",
        "m": "Ankit, Saurabh, Rahul, Vikas, Amit, Abhishek>Abhi, Gaurav, Rohit, Nikhil, Manish, "
             "Vivek, Harsh, Aditya>Adi, Kunal, Siddharth>Sid",
        "surnames": "Sharma, Verma, Gupta, Agarwal, Srivastava, Mishra, Tiwari, Chauhan, Tripathi, "
                    "Saxena, Pandey, Yadav, Rastogi, Bhardwaj, Chaturvedi, Dubey, Shukla",
        "middles": "Kumar/Kumari, Prakash/Rani, Mohan/Lata, Nath/Devi, Chandra/Kumari",
        "three": "middle",
    },
    "india_south": {
        "label": "Indian (South)",
        "f": "Lakshmi, Divya, Keerthana, Revathi, Anjali, Sowmya, Harini, Bhavana, Meenakshi, "
             "Nandini, Pavithra, Sindhu, Aishwarya>Aishu",
        "m": "Karthik, Venkatesh>Venky, Srinivas>Srini, Arjun, Vishnu, Praveen, Suresh, Ganesh, "
             "Naveen, Harish, Balaji>Bala, Senthil, Murali, Karthikeyan",
        "surnames": "Subramanian, Venkataraman, Reddy, Naidu, Rao, Nair, Menon, Pillai, Iyer, "
                    "Krishnan, Ramachandran, Gowda, Shetty, Kurian, Raghavan, Chandrasekhar, "
                    "Natarajan, Hegde",
        "middles": "Venkata, Sai, Sri, Naga, Surya",
        "three": "prefix",
        "initial_given": 0.5,
    },
    "india_bengal": {
        "label": "Indian (Bengali)",
        "f": "Sreemoyee, Debjani, Tanushree>Tanu, Moumita, Rituparna, Sohini, Payel, Madhurima, "
             "Ishita, Oindrila, Srabanti, Arpita",
        "m": "Sourav, Arindam, Debashish>Debu, Subhajit>Subho, Anirban, Partha, Sayan, Tanmoy, "
             "Indranil, Soumyadeep, Rajarshi, Kaushik",
        "surnames": "Chatterjee, Banerjee, Mukherjee, Bhattacharya, Ghosh, Sen, Dasgupta, "
                    "Chakraborty, Bose, Mitra, Ganguly, Sengupta, Majumdar, Bagchi, Sarkar",
        "middles": "Kumar/Rani, Chandra/Lata, Nath/Devi",
        "three": "middle",
    },
    "india_punjab": {
        "label": "Indian (Punjabi)",
        "f": "Harpreet, Simran, Jaspreet, Navneet, Manpreet, Gurleen, Rupinder, Kiranjeet, "
             "Baljeet, Parminder, Sukhleen, Amanpreet",
        "m": "Gurpreet, Harjit, Jaswinder>Jassi, Kuldeep, Manjit, Balwinder>Billa, Sukhwinder, "
             "Ranjit, Harmeet, Tejinder, Inderjit, Amrik",
        "surnames": "Sandhu, Gill, Dhillon, Grewal, Sidhu, Brar, Bajwa, Sekhon, Randhawa, Kang, "
                    "Chahal, Ahluwalia, Bains, Virk, Johal",
        "middles": "Singh/Kaur",
        "three": "middle",
    },
    "india_west": {
        "label": "Indian (Gujarati/Marathi)",
        "f": "Hetal, Foram, Krupa, Dhwani, Mitali, Ashwini, Snehal, Gauri, Rutuja, Manasi, Prachi, "
             "Vaishali",
        "m": "Chirag, Hardik, Jignesh, Parth, Bhavin, Nilesh, Tushar, Omkar, Sachin, Ketan, Mayur, "
             "Sandeep",
        "surnames": "Patel, Shah, Mehta, Desai, Kulkarni, Deshpande, Joshi, Patil, Deshmukh, "
                    "Trivedi, Parikh, Gokhale, Bhosale, Jadhav, Kapadia, Thakkar, Sawant",
        "middles": "Sunil, Vasant, Dilip, Ramesh, Anil, Shrikant, Kishore",
        "three": "middle",
    },
    "pakistani": {
        "label": "Pakistani",
        "f": "Ayesha, Mahnoor, Hira, Sana, Amna, Iqra, Rabia, Sadia, Bushra, Saima, Fariha, Mehwish",
        "m": "Usman, Bilal, Hamza, Asad, Zeeshan>Shani, Kamran, Imran, Adnan, Waqas, Junaid, "
             "Shahzad, Tariq, Danish",
        "surnames": "Qureshi, Siddiqui, Chaudhry, Malik, Butt, Khan, Sheikh, Abbasi, Mirza, Awan, "
                    "Rajput, Hashmi, Baig, Niazi, Bhatti, Gondal, Janjua",
        "middles": "Muhammad/Syeda, Syed/Bibi",
        "three": "prefix",
    },
    "bangladeshi": {
        "label": "Bangladeshi",
        "f": "Nusrat, Farzana, Tahmina, Sharmin, Rumana, Tasnim, Nazia, Lamia, Sumaiya, Mahmuda, "
             "Jannatul, Afroza",
        "m": "Tanvir, Rafiqul, Mahbub, Shafiqul, Arif, Sabbir, Nazmul, Rezaul, Kamrul, Mizanur, "
             "Rakib, Sohel",
        "surnames": "Hossain, Rahman, Chowdhury, Islam, Akter, Uddin, Alam, Talukder, Bhuiyan, "
                    "Sarker, Mollah, Haque, Kabir, Miah, Begum",
        "middles": "Md./Mst., Mohammad/Mosammat",
        "three": "prefix",
    },
    # ------------------------------------------------------------------ East Asia
    "chinese_pinyin": {
        "label": "Chinese (pinyin)",
        "f": "Yuqing, Meiling, Xiaoyan, Jingwen, Wenjing, Shuang, Yating, Ruoxi, Xinyi, Huimin, "
             "Jiayi, Qiuyue",
        "m": "Zhiwei, Haoran, Yifan, Zihao, Jianguo, Minghao, Tao, Lei, Peng, Bowen, Xiaodong, "
             "Jiahao",
        "surnames": "Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Xu, Sun, Ma, Zhu, Hu, "
                    "Guo, Luo, Gao, Zheng, Xie",
        "family_first": 0.45,
    },
    "chinese_cantonese": {
        "label": "Chinese (Cantonese / Hong Kong)",
        "f": "Wing Yan>Winnie, Suk Yee>Shirley, Pui Shan>Peggy, Hoi Ting>Heidi, Mei Kuen, "
             "Sau Ying, Lok Yi, Oi Man, Hiu Tung, Sze Nga",
        "m": "Siu Fung>Ricky, Ka Wai>Kelvin, Chi Keung>Jacky, Man Kit>Marco, Tak Ming, Chun Hei, "
             "Yiu Wah, Kin Pong, Hon Lun, Chak Lam",
        "surnames": "Chan, Cheung, Wong, Leung, Lau, Ng, Yip, Tsang, Kwok, Mak, Tang, Chow, Fung, "
                    "Lai, Au, Tse, Yeung",
        "family_first": 0.6,
    },
    "korean": {
        "label": "Korean",
        "f": "Ji-woo, Seo-yeon, Ha-eun, Su-bin, Ye-jin, Yu-na, Da-eun, Eun-ji, Hye-rim, Na-young, "
             "Chae-won",
        "m": "Min-jun, Do-yun, Hyun-woo, Jae-won, Sung-min, Tae-yang, Dong-hyuk, Joon-ho, Sang-hoon, "
             "Kyung-soo, Young-jae",
        "surnames": "Kim, Lee, Park, Choi, Jung, Kang, Cho, Yoon, Jang, Lim, Han, Oh, Seo, Shin, "
                    "Kwon, Hwang, Ahn, Song, Yoo, Baek",
        "family_first": 0.5,
    },
    "japanese": {
        "label": "Japanese",
        "f": "Yui, Haruka, Aoi, Misaki, Nanami, Yuka, Ayaka, Emi, Rina, Natsuki, Kaori, Sayaka",
        "m": "Haruto, Sota, Yuto, Kenji, Takumi, Daiki, Hiroshi, Kazuki, Shota, Ryota, Yusuke, Naoki",
        "surnames": "Tanaka, Suzuki, Takahashi, Watanabe, Ito, Yamamoto, Nakamura, Kobayashi, Kato, "
                    "Yoshida, Yamada, Sasaki, Matsumoto, Inoue, Kimura, Hayashi, Shimizu, Mori, "
                    "Ikeda, Hashimoto",
        "family_first": 0.35,
    },
    # ------------------------------------------------------------------ South-East Asia
    "vietnamese": {
        "label": "Vietnamese",
        "f": "Lan, Hoa, Linh, Hương, Thảo, Trang, Mai, Ngân, Vy, Nhung, Phương, Yến",
        "m": "Minh, Tuấn, Dũng, Hùng, Khoa, Long, Nam, Phúc, Quân, Bảo, Hiếu, Trung",
        "surnames": "Nguyễn, Trần, Lê, Phạm, Hoàng, Huỳnh, Phan, Vũ, Võ, Đặng, Bùi, Đỗ, Ngô, "
                    "Dương, Lý",
        "middles": "Văn/Thị, Đức/Ngọc, Hữu/Thanh, Quang/Thu, Xuân/Bích",
        "three": "family",
        "family_first": 0.6,
        "ascii": 0.55,
    },
    "thai": {
        "label": "Thai",
        "f": "Kanokwan>Kwan, Siriporn>Ploy, Pimchanok>Pim, Nattaya>Aom, Wanida>Nok, Supaporn, "
             "Kulthida, Ratchanee, Chanida>Mint, Sasithorn, Pornthip, Arunee",
        "m": "Somchai, Thanawat>Ton, Kittisak>Golf, Nattapong>Nut, Prasert, Surasak, Wichai, "
             "Anucha, Chatchai, Teerapat>Beam, Pongsakorn>Bank, Sakda",
        "surnames": "Suksawat, Srisuwan, Wongsawat, Chaiyaporn, Rattanakorn, Boonmee, Saetang, "
                    "Thongchai, Kaewkanya, Jaidee, Phromma, Sirimongkol, Charoenporn, Rungroj, "
                    "Intharasuk, Pattanapong",
    },
    "filipino": {
        "label": "Filipino",
        "f": "Maria Cristina>Tintin, Marites>Tess, Jocelyn, Rowena, Divina, Mary Grace, Kristine, "
             "Rhea, Jennelyn>Jen, Lovely, Angelica>Gelai, Princess",
        "m": "Mark Anthony>Macky, Rodel, Ramil, Arnel, Jerome, Reynaldo>Rey, Jomar, Efren, Dindo, "
             "Jose Miguel>Migs, Bienvenido>Ben, Ariel",
        "surnames": "Dela Cruz, Bautista, Villanueva, Manalo, Macaraeg, Dimaculangan, Pangilinan, "
                    "Tolentino, de Guzman, Magbanua, Dizon, Lacson, Sarmiento, Ocampo, Galang, "
                    "Tuazon",
        "three": "given2",
    },
    "indonesian": {
        "label": "Indonesian",
        "f": "Dewi, Putri, Ayu, Indah, Wulan, Fitri, Sari, Ratna, Kartika, Lestari, Anggun, Citra",
        "m": "Budi, Agus, Wahyu, Rizky, Eko, Bambang, Fajar, Dimas, Bayu, Hendra, Joko, Arief",
        "surnames": "Santoso, Wijaya, Saputra, Hidayat, Kusuma, Pratama, Nugroho, Setiawan, "
                    "Gunawan, Hartono, Purnomo, Wibowo, Siregar, Simanjuntak, Nasution, Lubis",
        "three": "given2",
        "mononym": 0.2,
    },
    "malay": {
        "label": "Malaysian (Malay)",
        "f": "Nur Aisyah, Farah, Aina, Syafiqah, Nabilah, Hanis, Aqilah, Balqis, Liyana, Amirah, "
             "Nur Izzati, Sofea",
        "m": "Ahmad Faizal, Muhammad Hafiz, Mohd Firdaus, Azman, Khairul, Syafiq, Amirul, Hakim, "
             "Zulkifli, Ikhwan, Haziq, Fauzi",
        "surnames": "Abdullah, Hassan, Ismail, Othman, Yusof, Rahim, Jamaluddin, Kamaruddin, "
                    "Zakaria, Harun, Mokhtar, Razak, Sulaiman",
        "three": "bin",
    },
    # ------------------------------------------------------------------ Africa
    "nigerian_yoruba": {
        "label": "Nigerian (Yoruba)",
        "f": "Olubunmi>Bunmi, Adebisi, Folasade>Sade, Temitope>Tope, Abimbola>Bimbo, "
             "Funmilayo>Funmi, Ayomide, Omolara>Lara, Titilayo>Titi, Yetunde, Morenike",
        "m": "Oluwaseun>Seun, Adewale>Wale, Babatunde>Tunde, Olumide, Ayodeji>Deji, "
             "Oluwafemi>Femi, Kayode, Olusegun>Segun, Adeniyi, Damilola, Oladipo",
        "surnames": "Adebayo, Ogunleye, Adeyemi, Oyelaran, Balogun, Akinola, Ogundipe, Adeleke, "
                    "Olawale, Afolabi, Oyebanji, Ajayi, Fashola, Ogunbiyi, Adesanya, Akintola",
        "three": "given2",
    },
    "nigerian_igbo": {
        "label": "Nigerian (Igbo)",
        "f": "Chiamaka>Amaka, Ngozi, Adaeze>Ada, Ifeoma, Nneka, Uchechi, Chioma, Amarachi>Amara, "
             "Obiageli>Geli, Ogechi, Ebere",
        "m": "Chukwuemeka>Emeka, Obinna, Ikechukwu>Ike, Chinedu, Nnamdi, Uchenna, Ifeanyi, "
             "Chibuike, Kelechi, Tochukwu>Tochi, Somtochukwu>Somto, Ekene",
        "surnames": "Okafor, Eze, Nwosu, Okonkwo, Obi, Nwachukwu, Okeke, Anyanwu, Igwe, Nwankwo, "
                    "Okoro, Ugwu, Onuoha, Ibekwe, Nnadi, Ezeani",
        "three": "given2",
    },
    "nigerian_hausa": {
        "label": "Nigerian (Hausa)",
        "f": "Hadiza, Hauwa, Halima, Rukayya, Bilkisu, Hafsat, Zulaihat, Aisha, Amina, Saadatu, "
             "Binta",
        "m": "Abubakar, Ibrahim>Ibro, Musa, Sani, Aminu, Garba, Nasiru, Bashir, Yakubu, Shehu, "
             "Danladi, Haruna",
        "surnames": "Bello, Danjuma, Abdullahi, Yusuf, Sule, Aliyu, Tanko, Gambo, Idris, Dikko, "
                    "Shettima, Maikano, Zubairu, Lawal",
        "middles": "Usman, Umar, Sadiq, Kabiru, Jibril",
        "three": "middle",
    },
    "ghanaian": {
        "label": "Ghanaian",
        "f": "Ama, Akosua, Efua, Abena, Adwoa, Afua, Yaa, Akua, Esi, Araba, Maame",
        "m": "Kwame, Kofi, Kwabena, Kwaku, Yaw, Kwadwo, Kojo, Kwesi, Ekow, Fiifi, Nii, Kobina",
        "surnames": "Mensah, Owusu, Asante, Boateng, Appiah, Osei, Agyeman, Darko, Ofori, Amoah, "
                    "Acheampong, Bonsu, Antwi, Frimpong, Adjei, Sarpong, Quaye, Tetteh",
        "middles": "Ebenezer/Gifty, Prince/Comfort, Emmanuel/Patience, Kingsley/Mavis, "
                   "Nathaniel/Adjoa",
        "three": "prefix",
    },
    "kenyan": {
        "label": "Kenyan",
        "f": "Wanjiru, Achieng, Njeri, Wambui, Akinyi, Chebet, Nyokabi, Wairimu, Atieno, Moraa, "
             "Kemunto, Mumbua",
        "m": "Otieno, Mwangi, Ochieng, Kiprono, Njoroge, Omondi, Mutua, Kibet, Odhiambo, Wekesa, "
             "Kimani, Kiplagat",
        "surnames": "Kariuki, Onyango, Owino, Kiptoo, Mutiso, Ndungu, Gitau, Wafula, Nyaga, Okoth, "
                    "Macharia, Chege, Maina, Korir, Rotich, Waweru, Kirui, Ouma",
        "middles": "Brian/Faith, Dennis/Mercy, Collins/Purity, Edwin/Lilian, Kevin/Caroline",
        "three": "prefix",
    },
    "ethiopian": {
        "label": "Ethiopian",
        "f": "Tigist, Selamawit>Selam, Mekdes, Hiwot, Meron, Liya, Bezawit>Bezi, Tsion, Rahel, "
             "Mahlet, Feven, Kidist",
        "m": "Abebe, Dawit, Yonas, Yohannes>Johnny, Amanuel, Biniam, Henok, Fikru, Tewodros>Teddy, "
             "Eyob, Nahom, Kaleab",
        "surnames": "Tesfaye, Bekele, Alemu, Tadesse, Getachew, Kebede, Mulugeta, Girma, Wolde, "
                    "Gebremedhin, Assefa, Desta, Mengistu, Negash, Worku, Hailu",
        "three": "father",
    },
    # ------------------------------------------------------------------ Middle East
    "arabic_gulf": {
        "label": "Arabic (Gulf)",
        "f": "Noura, Hessa, Latifa, Reem, Alanoud, Lulwa, Shamma, Mozah, Haya, Dalal, Maha, Munira",
        "m": "Khalid, Faisal, Sultan, Saud, Turki, Nasser, Hamad, Rashid, Majid, Mansour, Saif, "
             "Mubarak, Hamdan",
        "surnames": "Al-Harbi, Al-Qahtani, Al-Otaibi, Al-Mansoori, Al-Suwaidi, Al-Dosari, "
                    "Al-Shehhi, Al-Nuaimi, Al-Ghamdi, Al-Zahrani, Al-Mutairi, Al-Kaabi, Al-Marri, "
                    "Al-Shamsi, Al-Anazi, Al-Hajri",
        "three": "bin",
    },
    "arabic_egyptian": {
        "label": "Arabic (Egyptian)",
        "f": "Mona, Yasmin, Heba, Nourhan, Aya, Doaa, Salma, Shaimaa, Marwa, Nermeen, Eman, Radwa",
        "m": "Ahmed, Mahmoud, Mostafa, Omar, Tamer, Amr, Sherif, Hossam, Waleed, Mohamed, Hany, "
             "Ayman",
        "surnames": "El-Sayed, Abdel-Rahman, Hegazy, Fathy, El-Masry, Soliman, Shawky, Abdelaziz, "
                    "Farouk, Zaki, Ragab, Gamal, Naguib, El-Shenawy, Badawi, Hamdy, Saad",
        "three": "middle",
        "middles": "Abdelhamid, Fawzy, Ramadan, Tawfik, Sabry, Helmy",
    },
    "arabic_levantine": {
        "label": "Arabic (Levantine)",
        "f": "Lina, Rania, Nour, Rasha, Hala, Yara, Zeina, Ghada, Layal, Rula, Tala, Joumana",
        "m": "Rami, Karim, Tarek, Ziad, Fadi, Georges, Elie, Nabil, Samer, Wissam, Bassel, Jad, "
             "Ghassan",
        "surnames": "Haddad, Khoury, Nassar, Abou Chakra, Aoun, Sfeir, Azar, Khalil, Jaber, Najjar, "
                    "Karam, Daher, Salloum, Bitar, Chami, Abi Nader, Tannous, Hajjar",
        "three": "given2",
    },
    "persian": {
        "label": "Persian",
        "f": "Shirin, Niloufar>Nilou, Parisa, Maryam, Roya, Golnaz, Mahsa, Leila, Azadeh, Shadi, "
             "Yasaman>Yasi, Setareh",
        "m": "Arash, Dariush, Kourosh, Farhad, Babak, Behnam, Reza, Kaveh, Siavash, Omid, Pouya, "
             "Navid, Mehdi",
        "surnames": "Hosseini, Rezaei, Ahmadi, Karimi, Mohammadi, Tehrani, Jafari, Moradi, Rahimi, "
                    "Sadeghi, Kazemi, Ebrahimi, Ghorbani, Shirazi, Mousavi, Esfahani, Bagheri, "
                    "Mohammadzadeh, Khosravi-Nia",
        "three": "given2",
    },
    "turkish": {
        "label": "Turkish",
        "f": "Zeynep, Elif, Ayşe, Merve, Büşra, Esra, Deniz, Ebru, Selin, Gizem, Özge, Tuğba, Derya",
        "m": "Emre, Mehmet, Burak, Can, Mustafa, Oğuz, Kerem, Serkan, Ahmet, Murat, Onur, Barış, "
             "Hakan, Umut",
        "surnames": "Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Öztürk, Aydın, Özdemir, Arslan, "
                    "Doğan, Kılıç, Aslan, Çetin, Kara, Koç, Kurt, Özkan, Şimşek, Polat",
        "three": "given2",
        "ascii": 0.4,
    },
    # ------------------------------------------------------------------ Europe
    "polish": {
        "label": "Polish",
        "f": "Katarzyna>Kasia, Agnieszka>Aga, Małgorzata>Gosia, Magdalena>Magda, Aleksandra>Ola, "
             "Monika, Ewa, Dorota, Justyna, Karolina, Zofia, Joanna",
        "m": "Łukasz, Piotr, Grzegorz>Grzesiek, Krzysztof>Krzysiek, Tomasz>Tomek, Paweł, Michał, "
             "Wojciech>Wojtek, Marcin, Jakub>Kuba, Bartosz>Bartek, Kacper",
        "surnames": "Kowalczyk, Nowak, Wiśniewski/Wiśniewska, Zieliński/Zielińska, "
                    "Lewandowski/Lewandowska, Wójcik, Kamiński/Kamińska, Szymański/Szymańska, "
                    "Woźniak, Dąbrowski/Dąbrowska, Kozłowski/Kozłowska, Jankowski/Jankowska, "
                    "Mazur, Krawczyk, Piotrowski/Piotrowska, Grabowski/Grabowska",
        "three": "given2",
        "ascii": 0.4,
    },
    "russian": {
        "label": "Russian",
        "f": "Anastasia>Nastya, Yekaterina>Katya, Olga, Tatiana>Tanya, Natalia>Natasha, "
             "Svetlana>Sveta, Yulia, Darya>Dasha, Ksenia>Ksyusha, Polina, Irina",
        "m": "Dmitry>Dima, Sergei, Alexei>Lyosha, Andrei, Mikhail>Misha, Nikolai>Kolya, Vladimir, "
             "Yevgeny>Zhenya, Artyom, Konstantin, Igor, Alexander>Sasha",
        "surnames": "Sokolov/Sokolova, Volkov/Volkova, Kuznetsov/Kuznetsova, Morozov/Morozova, "
                    "Smirnov/Smirnova, Popov/Popova, Lebedev/Lebedeva, Novikov/Novikova, "
                    "Fedorov/Fedorova, Orlov/Orlova, Belov/Belova, Zaitsev/Zaitseva, "
                    "Kozlov/Kozlova, Vinogradov/Vinogradova, Sorokin/Sorokina",
        "middles": "Sergeyevich/Sergeyevna, Alexandrovich/Alexandrovna, Ivanovich/Ivanovna, "
                   "Dmitrievich/Dmitrievna, Nikolaevich/Nikolaevna, Vladimirovich/Vladimirovna, "
                   "Mikhailovich/Mikhailovna, Andreyevich/Andreyevna",
        "three": "patronymic",
    },
    "ukrainian": {
        "label": "Ukrainian",
        "f": "Olena, Iryna, Oksana, Kateryna, Nataliia, Yuliia, Tetiana, Halyna, Svitlana, "
             "Oleksandra>Lesia, Mariia, Viktoriia",
        "m": "Oleksandr>Sashko, Bohdan>Bodia, Taras, Andrii, Mykola, Serhii, Dmytro, Vasyl, Yurii, "
             "Ostap, Volodymyr>Vova, Maksym",
        "surnames": "Kovalenko, Shevchenko, Tkachenko, Bondarenko, Melnyk, Kravchenko, Boyko, "
                    "Lysenko, Marchenko, Rudenko, Savchenko, Petrenko, Kovalchuk, Polishchuk, "
                    "Hrytsenko, Pavlenko, Kravets",
        "middles": "Oleksandrovych/Oleksandrivna, Mykolaiovych/Mykolaivna, Vasylovych/Vasylivna, "
                   "Petrovych/Petrivna, Ivanovych/Ivanivna, Yuriiovych/Yuriivna",
        "three": "patronymic",
    },
    "latin_american": {
        "label": "Latin American (Spanish)",
        "f": "María José>Majo, Guadalupe>Lupita, Ximena, Valentina, Camila, Lucía, Fernanda, Paola, "
             "Mariana, Alejandra>Ale, Sofía, Renata",
        "m": "Juan Carlos, José Luis>Pepe, Alejandro, Santiago>Santi, Mateo, Diego, Andrés, Jorge, "
             "Sebastián>Sebas, Rodrigo, Joaquín, Ignacio>Nacho, Francisco>Paco",
        "surnames": "Hernández, García, Martínez, López, González, Rodríguez, Pérez, Sánchez, "
                    "Ramírez, Torres, Flores, Rivera, Gómez, Díaz, Morales, Jiménez, Vargas, Rojas, "
                    "Castro, Ortiz, Gutiérrez, de la Cruz, del Valle",
        "three": "spanish",
        "ascii": 0.45,
    },
    "brazilian": {
        "label": "Brazilian",
        "f": "Ana Beatriz>Bia, Gabriela>Gabi, Juliana>Ju, Larissa, Letícia, Thaís, Bruna, Luana, "
             "Jéssica, Vitória, Aline, Patrícia",
        "m": "João Pedro, Thiago, Luiz Fernando, Gustavo>Guto, Leandro, Marcelo, Vinícius>Vini, "
             "Caio, Henrique>Rique, Otávio, Guilherme>Gui, Matheus",
        "surnames": "Oliveira, Souza, da Silva, dos Santos, Ferreira, Pereira, Almeida, Carvalho, "
                    "Ribeiro, Barbosa, Cavalcanti, Nascimento, Araújo, Rocha, Moreira, Teixeira, "
                    "Lima, Gomes",
        "three": "spanish",
        "ascii": 0.4,
    },
    "nordic": {
        "label": "Nordic (Scandinavian/Icelandic)",
        "f": "Ingrid, Astrid, Sigrid, Freja, Linnea, Solveig, Ingeborg, Liv, Elin, Hanne, Kirsten, "
             "Åsa, Guðrún",
        "m": "Søren, Magnus, Björn, Lars, Anders, Nils, Henrik, Torsten, Mikkel, Rasmus, Gunnar, "
             "Jens, Leif",
        "surnames": "Kristensen, Johansson, Lindqvist, Nilsen, Eriksson, Andersen, Bergström, "
                    "Sørensen, Lundgren, Halvorsen, Jakobsen, Haugen, Strand, Sandberg, Lindholm, "
                    "Holm, Dahl, Jónsdóttir, Sigurðsson",
        "three": "given2",
        "ascii": 0.35,
    },
    "finnish": {
        "label": "Finnish",
        "f": "Aino, Saara, Minna, Riikka, Tiina, Satu, Elina, Outi, Päivi, Hanna-Kaisa, Johanna, "
             "Kaisa",
        "m": "Mikko, Juha, Jukka, Antti, Ville, Timo, Janne, Pekka, Teemu, Matti, Lauri, Olli, Eero",
        "surnames": "Virtanen, Korhonen, Mäkinen, Nieminen, Mäkelä, Hämäläinen, Laine, Heikkinen, "
                    "Koskinen, Järvinen, Lehtonen, Salminen, Heinonen, Niemi, Kettunen, Saarinen",
        "three": "given2",
        "ascii": 0.3,
    },
    "dutch": {
        "label": "Dutch/Flemish",
        "f": "Sanne, Lotte, Fleur, Anouk, Femke, Marieke, Eline, Maartje, Ilse, Roos, Esmée, Wietske",
        "m": "Jan-Willem, Pieter, Bram, Joost, Thijs, Maarten, Sjoerd, Ruud, Wouter, Daan, Jeroen, "
             "Bas, Sander",
        "surnames": "van der Berg, de Vries, van Dijk, Jansen, Visser, Bakker, de Jong, Smit, "
                    "Mulder, van den Bosch, Meijer, de Boer, Dekker, Hendriks, van Leeuwen, "
                    "Kuipers, Brouwer, Verhoeven, van der Meer",
        "three": "given2",
    },
    "german": {
        "label": "German/Austrian/Swiss",
        "f": "Katharina>Kathi, Lena, Franziska>Franzi, Sabine, Ursula>Uschi, Annika, Birgit, "
             "Carolin, Jana, Hannelore, Svenja, Friederike>Frieda",
        "m": "Lukas, Jürgen, Felix, Maximilian>Max, Tobias>Tobi, Florian>Flo, Matthias, Stefan, "
             "Wolfgang, Dieter, Henning, Moritz, Uwe, Jörg",
        "surnames": "Müller, Schneider, Becker, Hoffmann, Schröder, Wagner, Weber, Schulz, Richter, "
                    "Zimmermann, Krüger, Hartmann, Lange, Braun, von Bergen, Schmidt, Neumann, "
                    "Schwarz, Köhler, Vogel",
        "three": "given2",
        "ascii": 0.3,
    },
    "french": {
        "label": "French/Belgian/Québécois",
        "f": "Camille, Amélie, Hélène, Marie-Claire, Élodie, Sandrine, Margaux>Margot, Céline, "
             "Aurélie, Manon, Clémence, Océane, Anne-Sophie",
        "m": "Jean-Baptiste>JB, Thibault, Benoît, Guillaume, Julien, Mathieu, Sébastien>Seb, "
             "Pierre-Antoine, Yannick, Loïc, Grégoire, François, Cédric",
        "surnames": "Dubois, Lefèvre, Rousseau, Garnier, Moreau, Lambert, Fontaine, Girard, Bonnet, "
                    "Mercier, Dupont, Leroy, Chevalier, Gauthier, Faure, Blanchard, de la Roche, "
                    "Lemaire, Perrin, Marchand, Duval",
        "three": "given2",
        "ascii": 0.3,
    },
    "italian": {
        "label": "Italian",
        "f": "Chiara, Francesca>Franci, Giulia, Federica>Fede, Martina, Valeria, Silvia, Ilaria, "
             "Beatrice, Serena, Roberta, Lucrezia",
        "m": "Giuseppe>Beppe, Alessandro>Sandro, Lorenzo, Matteo, Davide, Andrea, Simone, "
             "Riccardo, Stefano, Fabrizio, Salvatore>Totò, Vincenzo>Enzo",
        "surnames": "Russo, Esposito, Bianchi, Romano, Colombo, Ricci, De Luca, Marino, Greco, "
                    "Bruno, Gallo, Conti, Mancini, Rizzo, Lombardi, Moretti, Barbieri, Fontana, "
                    "Di Stefano, Santoro, Caruso",
        "three": "given2",
    },
    "greek": {
        "label": "Greek",
        "f": "Eleni, Katerina, Vasiliki, Despina, Panagiota>Giota, Dimitra, Ioanna, Evangelia>Litsa, "
             "Foteini, Chrysa, Sofia, Georgia",
        "m": "Giorgos, Dimitris>Mitsos, Nikos, Panagiotis>Takis, Konstantinos>Kostas, Yiannis, "
             "Christos, Vasilis, Stavros, Thanasis, Spyros, Michalis, Apostolos",
        "surnames": "Papadopoulos/Papadopoulou, Konstantinou, Georgiou, Papadakis/Papadaki, "
                    "Alexiou, Nikolaidis/Nikolaidou, Ioannidis/Ioannidou, Vlachos/Vlachou, Pappas, "
                    "Oikonomou, Karagiannis/Karagianni, Makris/Makri, Dimitriou, Antoniou, "
                    "Christodoulou, Kyriakidis/Kyriakidou",
        "three": "given2",
    },
    # ------------------------------------------------------------------ English-speaking
    "us": {
        "label": "US",
        "f": "Emily, Madison>Maddie, Olivia, Ashley, Brittany, Kayla, Jessica>Jess, Lauren, Megan, "
             "Tiffany, Latoya, Keisha, Shanice, Courtney, Amber, Elizabeth>Liz",
        "m": "Jake, Tyler, Brandon, Cody, Dustin, Chad, Austin, Deshawn, Tyrone, Jamal, Kyle, Travis, "
             "Hunter, Garrett, William>Will, Christopher>Chris",
        "surnames": "Carter, Thompson, Brooks, Reed, Bennett, Washington, Jenkins, Coleman, "
                    "Henderson, Sullivan, Foster, Hayes, Bryant, Griffin, Russell, Wallace, "
                    "Fletcher, Bishop, Porter, Walker, Ford",
        "three": "given2",
    },
    "uk_irish": {
        "label": "UK/Irish",
        "f": "Siobhan, Niamh, Aoife, Saoirse, Charlotte>Lottie, Harriet>Hattie, Imogen, Poppy, "
             "Eleanor>Ellie, Rhiannon, Morag, Gemma, Philippa>Pippa, Ffion",
        "m": "Callum, Gareth, Rhys, Declan, Ciaran, Oisín, Alistair>Ali, Hamish, Rupert, Nigel, "
             "Fergus>Gus, Euan, Padraig>Paddy, Angus",
        "surnames": "Gallagher, Fraser, Hughes, Whitfield, O'Brien, MacDonald, Murphy, Doherty, "
                    "Davies, Llewellyn, Ashworth, Pemberton, Fitzgerald, Campbell, Sutherland, "
                    "Cartwright, Thornton, Hartley-Brown, Ashby-Clarke, O'Sullivan",
        "three": "given2",
    },
}

def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``."""
    return frozenset(text.split())


#: Lower-case words that are particles or connectors inside names. They identify nobody on
#: their own, so they are neither scored as leaks nor required to be split between dev/heldout.
PARTICLES = _words(
    "van der den de la le du da das dos di del della von al el bin binti bint ibn abu abou abi "
    "dela ter ten"
)
